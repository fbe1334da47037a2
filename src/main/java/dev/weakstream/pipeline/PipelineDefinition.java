package dev.weakstream.pipeline;

import dev.weakstream.core.LabelingFunctionSet;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A loaded and validated pipeline: what to read, which classes exist, which labeling functions
 * vote, and where labels and dead letters go. Immutable.
 *
 * @param source the YAML file it was loaded from
 * @param externalSources names of voters outside the pipeline whose votes records may carry ({@code
 *     RawRecord.external_votes}); their votes follow the LFs' in every vote row
 * @param labelModel how the label model is learned online
 * @param student the student trained from the shards and served in the stream, or null for none
 * @param shards which labeled records become training shards, or null for no shards
 */
public record PipelineDefinition(
    Path source,
    String name,
    List<ClassDefinition> classes,
    InputDefinition input,
    OutputDefinition output,
    LabelingFunctionSet labelingFunctions,
    List<String> externalSources,
    LabelModelDefinition labelModel,
    List<TeacherDefinition> teachers,
    StudentDefinition student,
    ShardPolicy shards) {

  public PipelineDefinition {
    classes = List.copyOf(classes);
    externalSources = externalSources == null ? List.of() : List.copyOf(externalSources);
    labelModel = labelModel == null ? LabelModelDefinition.defaults() : labelModel;
    teachers = teachers == null ? List.of() : List.copyOf(teachers);
  }

  /** A pipeline without student and shards. */
  public PipelineDefinition(
      Path source,
      String name,
      List<ClassDefinition> classes,
      InputDefinition input,
      OutputDefinition output,
      LabelingFunctionSet labelingFunctions,
      List<String> externalSources,
      LabelModelDefinition labelModel,
      List<TeacherDefinition> teachers) {
    this(
        source,
        name,
        classes,
        input,
        output,
        labelingFunctions,
        externalSources,
        labelModel,
        teachers,
        null,
        null);
  }

  /** A pipeline without teachers. */
  public PipelineDefinition(
      Path source,
      String name,
      List<ClassDefinition> classes,
      InputDefinition input,
      OutputDefinition output,
      LabelingFunctionSet labelingFunctions,
      List<String> externalSources,
      LabelModelDefinition labelModel) {
    this(
        source,
        name,
        classes,
        input,
        output,
        labelingFunctions,
        externalSources,
        labelModel,
        List.of());
  }

  /** A pipeline without declared external sources, with the default label model. */
  public PipelineDefinition(
      Path source,
      String name,
      List<ClassDefinition> classes,
      InputDefinition input,
      OutputDefinition output,
      LabelingFunctionSet labelingFunctions) {
    this(source, name, classes, input, output, labelingFunctions, List.of(), null, List.of());
  }

  /**
   * Number of vote sources: the labeling functions, the declared external sources, the teachers.
   */
  public int numSources() {
    return labelingFunctions.size() + externalSources.size() + teachers.size();
  }

  /** Names of all vote sources, in vote order: LFs, external sources, teachers. */
  public List<String> sourceNames() {
    List<String> names = new ArrayList<>(labelingFunctions.names());
    names.addAll(externalSources);
    teachers.forEach(t -> names.add(t.name()));
    return List.copyOf(names);
  }

  /** This pipeline without its teachers (e.g. to measure the labeling path alone). */
  public PipelineDefinition withoutTeachers() {
    return new PipelineDefinition(
        source,
        name,
        classes,
        input,
        output,
        labelingFunctions,
        externalSources,
        labelModel,
        List.of(),
        student,
        shards);
  }

  /** This pipeline with the given student section (null = none). */
  public PipelineDefinition withStudent(StudentDefinition newStudent) {
    return new PipelineDefinition(
        source,
        name,
        classes,
        input,
        output,
        labelingFunctions,
        externalSources,
        labelModel,
        teachers,
        newStudent,
        shards);
  }

  /** This pipeline with the given shard policy (null = no shards). */
  public PipelineDefinition withShards(ShardPolicy newShards) {
    return new PipelineDefinition(
        source,
        name,
        classes,
        input,
        output,
        labelingFunctions,
        externalSources,
        labelModel,
        teachers,
        student,
        newShards);
  }

  public PipelineDefinition withLabelModel(LabelModelDefinition model) {
    return new PipelineDefinition(
        source,
        name,
        classes,
        input,
        output,
        labelingFunctions,
        externalSources,
        model,
        teachers,
        student,
        shards);
  }

  public int numClasses() {
    return classes.size();
  }

  /** The class id for a class name (case-insensitive) or a decimal id, if it names a class. */
  public Optional<Integer> classId(String nameOrId) {
    String s = nameOrId.trim();
    for (ClassDefinition c : classes) {
      if (c.name().equalsIgnoreCase(s) || String.valueOf(c.id()).equals(s)) {
        return Optional.of(c.id());
      }
    }
    return Optional.empty();
  }

  public String className(int id) {
    return classes.get(id).name();
  }
}
