package dev.weakstream.pipeline;

import dev.weakstream.core.LabelingFunction;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Modifier;
import java.util.Map;

/**
 * Instantiates {@code kind: java} labeling functions by class name.
 *
 * <p>The plugin contract: a public, concrete class implementing {@link
 * dev.weakstream.core.LabelingFunction} with a public constructor {@code (String name, int label,
 * Map<String, Object> options)}. It receives the YAML {@code name}, the resolved class id of {@code
 * label} ({@link LabelingFunction#ABSTAIN} when none is given) and the {@code options} mapping as
 * plain Java values (String, Integer, Long, Double, Boolean, List, Map; empty when absent). It
 * rejects bad options by throwing {@link IllegalArgumentException}, and its {@code name()} must
 * return the name it was given.
 *
 * <p>Stateless and thread-safe.
 */
final class JavaPluginFactory {

  /** The constructor parameter types every plugin must declare. */
  static final Class<?>[] CONSTRUCTOR = {String.class, int.class, Map.class};

  private static final String CONTRACT =
      "implement dev.weakstream.core.LabelingFunction in a public "
          + "class with a public constructor (String name, int label, Map<String, Object> options)";

  private JavaPluginFactory() {}

  /** Builds the plugin or fails with an error at {@code definition}'s {@code class} field. */
  static LabelingFunction create(
      YamlMapping definition,
      String className,
      String name,
      int label,
      Map<String, Object> options) {
    Class<?> type;
    try {
      type = Class.forName(className, true, classLoader());
    } catch (ClassNotFoundException | LinkageError e) {
      throw definition.error(
          "class",
          "class '" + className + "' could not be loaded (" + e.getClass().getSimpleName() + ")",
          "write the fully qualified name (e.g. dev.weakstream.core.lf.examples.ExcessiveCapsFunction)"
              + " and put the jar that holds it on the classpath");
    }
    if (!LabelingFunction.class.isAssignableFrom(type)) {
      throw definition.error(
          "class",
          "class '" + className + "' does not implement dev.weakstream.core.LabelingFunction",
          CONTRACT);
    }
    if (type.isInterface()
        || Modifier.isAbstract(type.getModifiers())
        || !Modifier.isPublic(type.getModifiers())) {
      throw definition.error(
          "class", "class '" + className + "' is not a public concrete class", CONTRACT);
    }
    Constructor<?> constructor;
    try {
      constructor = type.getConstructor(CONSTRUCTOR);
    } catch (NoSuchMethodException e) {
      throw definition.error(
          "class",
          "class '" + className + "' has no public constructor (String, int, Map)",
          CONTRACT);
    }
    LabelingFunction function;
    try {
      function = (LabelingFunction) constructor.newInstance(name, label, options);
    } catch (InvocationTargetException e) {
      Throwable cause = e.getCause();
      throw definition.error(
          definition.has("options") ? "options" : "label",
          "class '" + className + "' rejected its settings: " + cause.getMessage(),
          "correct 'label' or 'options' as the plugin's documentation says",
          cause);
    } catch (ReflectiveOperationException e) {
      throw definition.error(
          "class",
          "class '" + className + "' could not be instantiated: " + e.getMessage(),
          CONTRACT);
    }
    if (!name.equals(function.name())) {
      throw definition.error(
          "class",
          "class '"
              + className
              + "' returns name() '"
              + function.name()
              + "' but the definition names it '"
              + name
              + "'",
          "make name() return the name passed to the constructor");
    }
    return function;
  }

  private static ClassLoader classLoader() {
    ClassLoader context = Thread.currentThread().getContextClassLoader();
    return context != null ? context : JavaPluginFactory.class.getClassLoader();
  }
}
