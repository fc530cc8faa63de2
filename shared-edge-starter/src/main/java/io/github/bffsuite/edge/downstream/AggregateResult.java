package io.github.bffsuite.edge.downstream;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The outcome of an {@link Aggregation}: the value of every section that completed, and a
 * {@link Gap} for every optional section that did not.
 *
 * @param values the values by section
 * @param gaps the missing optional sections
 */
public record AggregateResult(Map<String, Object> values, List<Gap> gaps) {

	/**
	 * Return the value of a section that completed.
	 * @param <T> the value type
	 * @param section the section
	 * @param type the value type
	 * @return the value, empty if the section is a gap
	 */
	public <T> Optional<T> find(String section, Class<T> type) {
		return Optional.ofNullable(this.values.get(section)).map(type::cast);
	}

	/**
	 * Return the value of a required section.
	 * @param <T> the value type
	 * @param section the section
	 * @param type the value type
	 * @return the value
	 */
	public <T> T get(String section, Class<T> type) {
		return find(section, type)
			.orElseThrow(() -> new IllegalStateException("Section '" + section + "' has no value"));
	}

	/**
	 * Whether every section completed.
	 * @return whether there is no gap
	 */
	public boolean complete() {
		return this.gaps.isEmpty();
	}

}
