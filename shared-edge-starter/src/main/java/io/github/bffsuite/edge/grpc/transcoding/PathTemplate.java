package io.github.bffsuite.edge.grpc.transcoding;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

import org.springframework.web.util.UriUtils;

/**
 * A path template of a {@code google.api.http} rule, such as
 * {@code /v1/{name=products/*}:watchPrices}: literals, {@code *} (one segment),
 * {@code **} (the rest), variables {@code {field.path}} or {@code {field.path=segments}}
 * and an optional {@code :verb}.
 */
public final class PathTemplate {

	private static final Pattern VARIABLE = Pattern.compile("\\{([A-Za-z_][A-Za-z0-9_.]*)(?:=([^}]*))?}");

	private final String template;

	private final Pattern pattern;

	private final List<String> variables;

	private final @Nullable String verb;

	private final int literals;

	private PathTemplate(String template, Pattern pattern, List<String> variables, @Nullable String verb,
			int literals) {
		this.template = template;
		this.pattern = pattern;
		this.variables = variables;
		this.verb = verb;
		this.literals = literals;
	}

	/**
	 * Parse a template.
	 * @param template the template, starting with {@code /}
	 * @return the parsed template
	 * @throws IllegalArgumentException when the template is not valid
	 */
	static PathTemplate parse(String template) {
		if (!template.startsWith("/")) {
			throw new IllegalArgumentException("HTTP rule path '" + template + "' does not start with '/'");
		}
		String path = template;
		String verb = null;
		int lastSlash = path.lastIndexOf('/');
		int colon = path.lastIndexOf(':');
		if (colon > lastSlash && path.lastIndexOf('}') < colon) {
			verb = path.substring(colon + 1);
			path = path.substring(0, colon);
		}
		StringBuilder regex = new StringBuilder();
		List<String> variables = new ArrayList<>();
		int literals = 0;
		Matcher matcher = VARIABLE.matcher(path);
		int position = 0;
		while (matcher.find()) {
			literals += appendSegments(regex, path.substring(position, matcher.start()), verb != null);
			String segments = (matcher.group(2) != null) ? matcher.group(2) : "*";
			regex.append("(?<v").append(variables.size()).append('>');
			literals += appendSegments(regex, segments, verb != null);
			regex.append(')');
			variables.add(matcher.group(1));
			position = matcher.end();
		}
		literals += appendSegments(regex, path.substring(position), verb != null);
		if (verb != null) {
			regex.append(':').append(Pattern.quote(verb));
		}
		return new PathTemplate(template, Pattern.compile(regex.toString()), List.copyOf(variables), verb, literals);
	}

	private static int appendSegments(StringBuilder regex, String segments, boolean hasVerb) {
		int literals = 0;
		// a verb is not part of the last segment's value
		String segment = hasVerb ? "[^/:]+" : "[^/]+";
		String rest = hasVerb ? "[^:]+" : ".+";
		int start = 0;
		for (int i = 0; i <= segments.length(); i++) {
			if (i == segments.length() || segments.charAt(i) == '/') {
				String part = segments.substring(start, i);
				if (part.equals("**")) {
					regex.append(rest);
				}
				else if (part.equals("*")) {
					regex.append(segment);
				}
				else if (!part.isEmpty()) {
					regex.append(Pattern.quote(part));
					literals++;
				}
				if (i < segments.length()) {
					regex.append('/');
				}
				start = i + 1;
			}
		}
		return literals;
	}

	/**
	 * Match a request path.
	 * @param path the raw (still percent-encoded) request path
	 * @return the decoded variable values by field path, or {@code null} when the path
	 * does not match
	 * @throws InvalidRequestException when a variable's value is not percent-encoded
	 */
	public @Nullable Map<String, String> match(String path) {
		Matcher matcher = this.pattern.matcher(path);
		if (!matcher.matches()) {
			return null;
		}
		Map<String, String> values = new LinkedHashMap<>();
		for (int i = 0; i < this.variables.size(); i++) {
			String variable = this.variables.get(i);
			try {
				values.put(variable, UriUtils.decode(matcher.group("v" + i), StandardCharsets.UTF_8));
			}
			catch (IllegalArgumentException ex) {
				throw new InvalidRequestException(variable, "is not a valid percent-encoded path segment");
			}
		}
		return values;
	}

	/**
	 * Return the field paths of the template's variables.
	 * @return the field paths, in template order
	 */
	public List<String> variables() {
		return this.variables;
	}

	/**
	 * Return the rank of the template among others matching the same path: a template
	 * with a verb, then one with more literal segments, wins.
	 * @return the rank, higher first
	 */
	int specificity() {
		return ((this.verb != null) ? 1000 : 0) + this.literals;
	}

	@Override
	public String toString() {
		return this.template;
	}

}
