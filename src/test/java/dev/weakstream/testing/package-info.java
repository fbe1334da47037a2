/**
 * Support shared by the integration tests: waiting for a condition that a broker, a stream
 * application or a background thread makes true in its own time.
 */
package dev.weakstream.testing;
