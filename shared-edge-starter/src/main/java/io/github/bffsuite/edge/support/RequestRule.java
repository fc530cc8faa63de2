package io.github.bffsuite.edge.support;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

import org.springframework.http.HttpMethod;
import org.springframework.http.server.PathContainer;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * What a configured rule applies to: a path pattern and, optionally, HTTP methods. Scope
 * rules and rate-limit bindings both extend it, so both are written the same way in YAML
 * ({@code pattern}, {@code methods}) and match requests the same way. The pattern matches
 * in any letter case, so that {@code /API/Users} cannot slip past a rule for
 * {@code /api/users/**} to a route or backend that ignores case.
 */
public class RequestRule {

	private static final PathPatternParser parser = caseInsensitiveParser();

	/**
	 * Path pattern, such as /graphql or /api/**.
	 */
	private String pattern = "/**";

	/**
	 * HTTP methods the rule applies to, in any letter case; all when empty.
	 */
	private Set<HttpMethod> methods = new LinkedHashSet<>();

	public String getPattern() {
		return this.pattern;
	}

	public void setPattern(String pattern) {
		this.pattern = pattern;
	}

	public Set<HttpMethod> getMethods() {
		return this.methods;
	}

	public void setMethods(Set<HttpMethod> methods) {
		this.methods = methods;
	}

	/**
	 * Return a matcher for this rule as it is now configured.
	 * @return the matcher
	 */
	public Matcher matcher() {
		return Matcher.of(this.pattern, this.methods);
	}

	/**
	 * A parsed rule.
	 *
	 * @param pattern the path pattern
	 * @param methods names of the methods, upper case; all when empty
	 */
	public record Matcher(PathPattern pattern, Set<String> methods) {

		/**
		 * Parse a pattern and methods.
		 * @param pattern the path pattern
		 * @param methods the methods, in any letter case; all when empty
		 * @return the matcher
		 */
		public static Matcher of(String pattern, Collection<HttpMethod> methods) {
			return new Matcher(parser.parse(pattern),
					methods.stream()
						.map((method) -> method.name().toUpperCase(Locale.ROOT))
						.collect(Collectors.toUnmodifiableSet()));
		}

		/**
		 * Whether a request with this method and path (within the application) matches.
		 * @param method the request's method
		 * @param path the request's path within the application
		 * @return whether the rule applies
		 */
		public boolean matches(HttpMethod method, PathContainer path) {
			return (this.methods.isEmpty() || this.methods.contains(method.name())) && this.pattern.matches(path);
		}

	}

	private static PathPatternParser caseInsensitiveParser() {
		PathPatternParser parser = new PathPatternParser();
		parser.setCaseSensitive(false);
		return parser;
	}

}
