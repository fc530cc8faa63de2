package io.github.bffsuite.suite;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Files of the repository this module lives in, read from the sources (Maven runs the
 * tests with the module's directory as working directory).
 */
final class SuiteRoot {

	private static final Pattern MODULE = Pattern.compile("<module>\\s*([^<\\s]+)\\s*</module>");

	private static final Path ROOT = locate();

	private SuiteRoot() {
	}

	static Path path(String relative) {
		return ROOT.resolve(relative);
	}

	static String read(String relative) {
		try {
			return Files.readString(path(relative));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Modules of the root pom, as written there (directories relative to the root).
	 * @return the module directories
	 */
	static List<String> modules() {
		Matcher matcher = MODULE.matcher(read("pom.xml"));
		return matcher.results().map((result) -> result.group(1)).toList();
	}

	private static Path locate() {
		Path root = Path.of("..").toAbsolutePath().normalize();
		if (!Files.isRegularFile(root.resolve("docker-compose.yml")) || !Files.isRegularFile(root.resolve("suite"))) {
			throw new IllegalStateException(
					"Run from the suite-tests module directory: no docker-compose.yml and suite in " + root);
		}
		return root;
	}

}
