package dev.weakstream.cli;

import dev.weakstream.stream.ProcessingGuarantee;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Reads {@code --processing-guarantee} as Kafka spells it ({@code exactly_once_v2}, {@code
 * at_least_once}); an unknown value fails the parse with the accepted ones listed. Stateless.
 */
final class ProcessingGuaranteeConverter implements ITypeConverter<ProcessingGuarantee> {

  @Override
  public ProcessingGuarantee convert(String value) {
    try {
      return ProcessingGuarantee.of(value);
    } catch (IllegalArgumentException e) {
      throw new TypeConversionException(e.getMessage());
    }
  }
}
