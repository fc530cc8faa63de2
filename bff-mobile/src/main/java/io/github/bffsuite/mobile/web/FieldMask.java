package io.github.bffsuite.mobile.web;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import io.github.bffsuite.edge.web.EdgeProblems;
import io.github.bffsuite.mobile.screen.Selection;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * A Google-style field mask such as {@code id,status,items(name,thumb)} (also
 * {@code items.name} or {@code items/name}), checked against a screen's record type and
 * applied to its JSON after the screen is built. Inside arrays it applies to every
 * element.
 */
public final class FieldMask implements Selection {

	/** Problem type slug of an unknown or malformed field. */
	public static final String INVALID_FIELDS = "invalid-fields";

	private static final FieldMask ALL = new FieldMask(Map.of());

	private final Map<String, FieldMask> fields;

	private FieldMask(Map<String, FieldMask> fields) {
		this.fields = fields;
	}

	/**
	 * Parse a mask and check it against a screen type.
	 * @param text the mask, {@code null} or blank for every field
	 * @param type the record type of the screen
	 * @return the mask
	 * @throws ErrorResponseException a 400 problem naming the malformed or unknown field
	 */
	public static FieldMask parse(@Nullable String text, Class<?> type) {
		if (text == null || text.isBlank()) {
			return ALL;
		}
		Parser parser = new Parser(text);
		FieldMask mask = new FieldMask(parser.list(0));
		if (parser.position < text.length()) {
			throw parser.malformed("unexpected '" + text.charAt(parser.position) + "'");
		}
		mask.check(type, "");
		return mask;
	}

	/**
	 * Whether the mask keeps every field.
	 * @return whether it is empty
	 */
	public boolean all() {
		return this.fields.isEmpty();
	}

	/**
	 * Whether the mask keeps a field, or part of it: a top-level field such as
	 * {@code user}, or one below it such as {@code orders, product, name} (inside arrays,
	 * of their elements). Screens ask this before a call that only that field needs.
	 * @param path the field's path, its top-level name first
	 * @return whether it is selected
	 */
	@Override
	public boolean selects(String... path) {
		FieldMask mask = this;
		for (String name : path) {
			if (mask.all()) {
				return true;
			}
			mask = mask.fields.get(name);
			if (mask == null) {
				return false;
			}
		}
		return true;
	}

	/**
	 * Keep only the selected fields of a JSON object, and the fields named in
	 * {@code alwaysKept}.
	 * @param node the object
	 * @param alwaysKept top-level fields that no mask removes
	 */
	public void apply(ObjectNode node, Collection<String> alwaysKept) {
		if (all()) {
			return;
		}
		node.retain(keep(alwaysKept));
		this.fields.forEach((name, child) -> {
			JsonNode value = node.get(name);
			if (value != null && !child.all()) {
				child.applyTo(value);
			}
		});
	}

	private Collection<String> keep(Collection<String> alwaysKept) {
		Set<String> keep = new HashSet<>(this.fields.keySet());
		keep.addAll(alwaysKept);
		return keep;
	}

	private void applyTo(JsonNode value) {
		if (value instanceof ObjectNode object) {
			apply(object, Collections.emptySet());
		}
		else if (value.isArray()) {
			value.values().forEach(this::applyTo);
		}
	}

	private void check(Class<?> type, String prefix) {
		if (all()) {
			return;
		}
		this.fields.forEach((name, child) -> {
			String path = prefix + name;
			RecordComponent component = component(type, name);
			if (component == null) {
				throw invalid(path, "Unknown field '" + path + "' in fields");
			}
			if (child.all()) {
				return;
			}
			Type target = component.getGenericType();
			if (target instanceof ParameterizedType parameterized
					&& parameterized.getRawType() instanceof Class<?> raw) {
				if (Map.class.isAssignableFrom(raw)) {
					// keys are data, not fields: anything may be asked for below a map
					return;
				}
				if (Collection.class.isAssignableFrom(raw)) {
					target = parameterized.getActualTypeArguments()[0];
				}
			}
			if (!(target instanceof Class<?> nested) || !nested.isRecord()) {
				throw invalid(path, "Field '" + path + "' has no sub-fields to select");
			}
			child.check(nested, path + ".");
		});
	}

	private static @Nullable RecordComponent component(Class<?> type, String name) {
		if (!type.isRecord()) {
			return null;
		}
		for (RecordComponent component : type.getRecordComponents()) {
			if (component.getName().equals(name)) {
				return component;
			}
		}
		return null;
	}

	private static ErrorResponseException invalid(String field, String detail) {
		ProblemDetail problem = EdgeProblems.problem(HttpStatus.BAD_REQUEST, INVALID_FIELDS, detail);
		problem.setProperty("field", field);
		return new ErrorResponseException(HttpStatus.BAD_REQUEST, problem, null);
	}

	private static final class Parser {

		private final String text;

		private int position;

		Parser(String text) {
			this.text = text;
		}

		Map<String, FieldMask> list(int depth) {
			Map<String, FieldMask> fields = new LinkedHashMap<>();
			do {
				skipSpaces();
				item(fields, depth);
				skipSpaces();
			}
			while (consume(','));
			return fields;
		}

		private void item(Map<String, FieldMask> into, int depth) {
			String name = name();
			skipSpaces();
			if (consume('.') || consume('/')) {
				Map<String, FieldMask> nested = new LinkedHashMap<>();
				item(nested, depth + 1);
				merge(into, name, new FieldMask(nested));
			}
			else if (consume('(')) {
				if (depth > 8) {
					throw malformed("nested too deeply");
				}
				Map<String, FieldMask> nested = list(depth + 1);
				if (!consume(')')) {
					throw malformed("missing ')'");
				}
				merge(into, name, new FieldMask(nested));
			}
			else {
				merge(into, name, ALL);
			}
		}

		private static void merge(Map<String, FieldMask> into, String name, FieldMask mask) {
			FieldMask existing = into.get(name);
			if (existing == null) {
				into.put(name, mask);
			}
			else if (!existing.all() && !mask.all()) {
				Map<String, FieldMask> merged = new LinkedHashMap<>(existing.fields);
				mask.fields.forEach((key, value) -> merge(merged, key, value));
				into.put(name, new FieldMask(merged));
			}
			else {
				into.put(name, ALL);
			}
		}

		private String name() {
			int start = this.position;
			while (this.position < this.text.length()
					&& isNameChar(this.text.charAt(this.position), this.position == start)) {
				this.position++;
			}
			if (start == this.position) {
				throw malformed((this.position < this.text.length())
						? "expected a field name, found '" + this.text.charAt(this.position) + "'"
						: "expected a field name at the end");
			}
			return this.text.substring(start, this.position);
		}

		private static boolean isNameChar(char c, boolean first) {
			return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || (!first && c >= '0' && c <= '9');
		}

		private boolean consume(char c) {
			if (this.position < this.text.length() && this.text.charAt(this.position) == c) {
				this.position++;
				return true;
			}
			return false;
		}

		private void skipSpaces() {
			while (this.position < this.text.length() && this.text.charAt(this.position) == ' ') {
				this.position++;
			}
		}

		ErrorResponseException malformed(String why) {
			String shown = (this.text.length() > 100) ? this.text.substring(0, 100) + "…" : this.text;
			return invalid(shown, "Malformed fields '" + shown + "' at position " + this.position + ": " + why);
		}

	}

}
