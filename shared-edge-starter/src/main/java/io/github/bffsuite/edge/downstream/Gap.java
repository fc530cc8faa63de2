package io.github.bffsuite.edge.downstream;

/**
 * A section missing from an aggregated response, and why, so that clients can tell a
 * partial answer from a complete one.
 *
 * @param section the section that is missing
 * @param reason why, such as {@code timeout}, {@code deadline}, {@code circuit-open},
 * {@code busy}, {@code unreachable}, {@code status-503}, {@code not-found} or
 * {@code error}
 */
public record Gap(String section, String reason) {

}
