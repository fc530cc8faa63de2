package io.github.bffsuite.edge.graphql.persisted;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.core.io.Resource;
import org.springframework.core.io.support.ResourcePatternResolver;

/**
 * Operation documents registered in files, one document per file, known by the SHA-256
 * hash of the file's text (UTF-8, as is).
 */
public class TrustedDocuments {

	private static final Log logger = LogFactory.getLog(TrustedDocuments.class);

	private final Map<String, String> documents;

	public TrustedDocuments(Map<String, String> documents) {
		this.documents = Map.copyOf(documents);
	}

	/**
	 * Load the documents that match resource patterns.
	 * @param resolver the resource resolver
	 * @param locations the patterns, such as {@code classpath*:graphql/trusted/*.graphql}
	 * @return the trusted documents
	 */
	public static TrustedDocuments load(ResourcePatternResolver resolver, List<String> locations) {
		Map<String, String> documents = new LinkedHashMap<>();
		for (String location : locations) {
			try {
				for (Resource resource : resolver.getResources(location)) {
					if (resource.isReadable()) {
						String text = resource.getContentAsString(StandardCharsets.UTF_8);
						documents.put(sha256(text), text);
					}
				}
			}
			catch (IOException ex) {
				throw new UncheckedIOException("Cannot read trusted GraphQL documents from " + location, ex);
			}
		}
		logger.info("Loaded " + documents.size() + " trusted GraphQL document(s) from " + locations);
		return new TrustedDocuments(documents);
	}

	/**
	 * Return a trusted document.
	 * @param hash the lower-case hex SHA-256 hash
	 * @return the document, {@code null} when not trusted
	 */
	public @Nullable String get(String hash) {
		return this.documents.get(hash);
	}

	/**
	 * Return whether there is no trusted document.
	 * @return whether empty
	 */
	public boolean isEmpty() {
		return this.documents.isEmpty();
	}

	/**
	 * Return the trusted documents by hash.
	 * @return the documents
	 */
	public Map<String, String> documents() {
		return this.documents;
	}

	/**
	 * Return the lower-case hex SHA-256 hash of a document's UTF-8 text.
	 * @param document the document
	 * @return the hash
	 */
	public static String sha256(String document) {
		try {
			return HexFormat.of()
				.formatHex(MessageDigest.getInstance("SHA-256").digest(document.getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
