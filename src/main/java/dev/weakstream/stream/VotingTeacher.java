package dev.weakstream.stream;

/**
 * The teacher whose soft vote a record carries: its name and the version of the head that cast the
 * vote (or whose cached output it was), fixed when the vote was added, so a head swapped in before
 * the record is combined does not change what the labeled record says produced its vote.
 */
record VotingTeacher(String name, String version) {}
