package dev.weakstream.student;

import dev.weakstream.core.TextRecord;
import java.util.List;

/**
 * A student under the name and version the model registry gave its release, which is what labeled
 * records and metrics report (the artifact's own metadata says what it was exported as). Owns the
 * model.
 */
public final class RegisteredStudent implements StudentModel {

  private final StudentModel model;
  private final String name;
  private final String version;

  public RegisteredStudent(StudentModel model, String name, String version) {
    this.model = model;
    this.name = name;
    this.version = version;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public String version() {
    return version;
  }

  @Override
  public int numClasses() {
    return model.numClasses();
  }

  @Override
  public double[][] predict(List<TextRecord> records) {
    return model.predict(records);
  }

  @Override
  public void close() {
    model.close();
  }
}
