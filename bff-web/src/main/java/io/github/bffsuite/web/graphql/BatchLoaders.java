package io.github.bffsuite.web.graphql;

import java.util.concurrent.CompletableFuture;

import io.github.bffsuite.clients.Product;
import io.github.bffsuite.clients.ProductService;
import io.github.bffsuite.clients.User;
import io.github.bffsuite.clients.UserService;
import io.github.bffsuite.web.client.RequestMemo;
import org.dataloader.DataLoader;
import reactor.core.publisher.Mono;

import org.springframework.graphql.execution.BatchLoaderRegistry;

/**
 * The per-request data loaders: every user and product a request needs, wherever it
 * appears in the document, is fetched in one batch call per service, and each id once.
 */
final class BatchLoaders {

	/** Loader of users by id. */
	static final String USERS = "users";

	/** Loader of products by id. */
	static final String PRODUCTS = "products";

	private BatchLoaders() {
	}

	static void register(BatchLoaderRegistry registry, UserService users, ProductService products) {
		registry.<String, User>forName(USERS)
			.registerMappedBatchLoader(
					(ids, environment) -> RequestMemo.once(UserService.NAME + " byIds " + ids, () -> users.byIds(ids)));
		registry.<String, Product>forName(PRODUCTS)
			.registerMappedBatchLoader((ids, environment) -> RequestMemo.once(ProductService.NAME + " byIds " + ids,
					() -> products.byIds(ids)));
	}

	static <V> Mono<V> load(DataLoader<String, V> loader, String id) {
		CompletableFuture<V> future = loader.load(id);
		return Mono.fromFuture(future);
	}

}
