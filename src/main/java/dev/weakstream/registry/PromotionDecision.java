package dev.weakstream.registry;

import dev.weakstream.avro.ModelRelease;
import java.util.Optional;

/**
 * The outcome of {@link ModelRegistry#promote}: whether the version became active, why, and the
 * records as they now stand.
 *
 * @param promoted true when {@code release} is now ACTIVE
 * @param reason the gate's sentence (or why promotion was forced or not needed)
 * @param release the version asked for, as it now stands
 * @param retired the version that was active before and is now RETIRED, if any (only when promoted)
 */
public record PromotionDecision(
    boolean promoted, String reason, ModelRelease release, Optional<ModelRelease> retired) {}
