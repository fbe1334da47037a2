package dev.weakstream.codec;

import org.apache.avro.util.ClassSecurityValidator;

/**
 * Trusts the package of Weakstream's generated Avro classes. Avro 1.12.2 refuses to instantiate
 * generated classes from packages it does not trust; this adds {@code dev.weakstream.avro} to the
 * default trusted set, so decoding works without the {@code org.apache.avro.SERIALIZABLE_PACKAGES}
 * system property. Idempotent and thread-safe.
 */
public final class AvroTrust {

  public static final String GENERATED_PACKAGE = "dev.weakstream.avro";

  private static volatile boolean installed;

  private AvroTrust() {}

  public static synchronized void install() {
    if (installed) {
      return;
    }
    // Builder.add(String) takes class names, not packages, so trust the package with a predicate.
    ClassSecurityValidator.ClassSecurityPredicate generated =
        type -> type.getPackageName().equals(GENERATED_PACKAGE);
    ClassSecurityValidator.setGlobal(
        ClassSecurityValidator.composite(ClassSecurityValidator.getGlobal(), generated));
    installed = true;
  }
}
