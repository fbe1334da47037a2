package dev.weakstream.stream;

import dev.weakstream.avro.RawRecord;
import dev.weakstream.core.VoteRow;
import java.util.List;

/**
 * A raw record with the votes of every source on it, between voting and combining. In-memory only:
 * it never crosses a topic.
 *
 * @param sources name of each source, aligned with the row's votes
 */
record VotedRecord(RawRecord raw, List<String> sources, VoteRow row) {}
