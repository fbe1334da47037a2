package dev.weakstream.stream;

import dev.weakstream.avro.RawRecord;
import dev.weakstream.core.VoteRow;
import java.util.List;

/**
 * A raw record with the votes of every source on it, between voting and combining. In-memory only:
 * it never crosses a topic.
 *
 * @param externalSources names of the external voters, whose votes follow the pipeline's LFs in the row
 */
record VotedRecord(RawRecord raw, List<String> externalSources, VoteRow row) {}
