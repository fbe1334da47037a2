package dev.weakstream.stream;

import dev.weakstream.avro.RawRecord;
import dev.weakstream.core.VoteRow;

/**
 * A raw record with the votes of every source on it (the pipeline's LFs, then its declared external
 * sources), between voting and combining. In-memory only: it never crosses a topic.
 */
record VotedRecord(RawRecord raw, VoteRow row) {}
