package io.github.bffsuite.edge.security.apikey;

/**
 * The in-memory API key store against the store contract.
 */
class InMemoryApiKeyStoreTests extends ApiKeyStoreContract {

	private final InMemoryApiKeyStore store = new InMemoryApiKeyStore();

	@Override
	ApiKeyStore store() {
		return this.store;
	}

}
