package dev.weakstream.registry;

import dev.weakstream.avro.ModelRelease;

/**
 * The outcome of {@link ModelRegistry#rollback}.
 *
 * @param retired the version that was active and is now RETIRED
 * @param restored the version that is ACTIVE again
 */
public record RollbackResult(ModelRelease retired, ModelRelease restored) {}
