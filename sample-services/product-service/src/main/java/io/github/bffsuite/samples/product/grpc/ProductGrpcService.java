package io.github.bffsuite.samples.product.grpc;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.function.Supplier;
import java.util.regex.Pattern;

import io.github.bffsuite.product.v1.Availability;
import io.github.bffsuite.product.v1.GetProductRequest;
import io.github.bffsuite.product.v1.ListProductsRequest;
import io.github.bffsuite.product.v1.ListProductsResponse;
import io.github.bffsuite.product.v1.Money;
import io.github.bffsuite.product.v1.PriceChange;
import io.github.bffsuite.product.v1.ProductFilter;
import io.github.bffsuite.product.v1.ProductServiceGrpc;
import io.github.bffsuite.product.v1.SearchProductsRequest;
import io.github.bffsuite.product.v1.SearchProductsResponse;
import io.github.bffsuite.product.v1.WatchPricesRequest;
import io.github.bffsuite.samples.product.data.Product;
import io.github.bffsuite.samples.product.data.ProductCatalogue;
import io.github.bffsuite.samples.product.data.ProductSlice;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import org.jspecify.annotations.Nullable;
import reactor.core.Disposable;

/**
 * {@code bffsuite.product.v1.ProductService} over the same {@link ProductCatalogue} as
 * the REST API, with the same limits: ids are {@code p-} and 4 digits, page sizes 1 to
 * 100 (20 by default), search texts at most 100 characters.
 */
class ProductGrpcService extends ProductServiceGrpc.ProductServiceImplBase {

	private static final Pattern NAME = Pattern.compile("products/(p-([0-9]{4}))");

	private static final Pattern TOKEN_ID = Pattern.compile("p-([0-9]{4})");

	private static final int DEFAULT_PAGE_SIZE = 20;

	private static final int MAX_PAGE_SIZE = 100;

	private static final int MAX_QUERY_LENGTH = 100;

	private static final int MAX_TOKEN_LENGTH = 32;

	private static final int LOW_STOCK = 20;

	private final ProductCatalogue catalogue;

	private final PriceChanges priceChanges;

	ProductGrpcService(ProductCatalogue catalogue, PriceChanges priceChanges) {
		this.catalogue = catalogue;
		this.priceChanges = priceChanges;
	}

	@Override
	public void getProduct(GetProductRequest request,
			StreamObserver<io.github.bffsuite.product.v1.Product> responseObserver) {
		answer(responseObserver, () -> toMessage(find(request.getName(), "name")));
	}

	@Override
	public void listProducts(ListProductsRequest request, StreamObserver<ListProductsResponse> responseObserver) {
		answer(responseObserver, () -> {
			ProductFilter filter = request.getFilter();
			if (!request.getCategory().isEmpty() && !filter.getCategory().isEmpty()
					&& !request.getCategory().equals(filter.getCategory())) {
				throw GrpcErrors.invalidArgument("filter.category", "must be empty or the same as category");
			}
			boolean byCategory = !request.getCategory().isEmpty();
			Page page = page(byCategory ? request.getCategory() : filter.getCategory(),
					byCategory ? "category" : "filter.category", query(filter), filter.getMinAvailability(),
					request.getPageSize(), request.getPageToken());
			return ListProductsResponse.newBuilder()
				.addAllProducts(page.products())
				.setNextPageToken(page.nextPageToken())
				.build();
		});
	}

	@Override
	public void searchProducts(SearchProductsRequest request, StreamObserver<SearchProductsResponse> responseObserver) {
		answer(responseObserver, () -> search(request));
	}

	private SearchProductsResponse search(SearchProductsRequest request) {
		ProductFilter filter = request.getFilter();
		Page page = page(filter.getCategory(), "filter.category", query(filter), filter.getMinAvailability(),
				request.getPageSize(), request.getPageToken());
		return SearchProductsResponse.newBuilder()
			.addAllProducts(page.products())
			.setNextPageToken(page.nextPageToken())
			.build();
	}

	@Override
	public void watchPrices(WatchPricesRequest request, StreamObserver<PriceChange> responseObserver) {
		Product product;
		try {
			product = find(request.getName(), "name");
			if (request.getMaxChanges() < 0) {
				throw GrpcErrors.invalidArgument("max_changes", "must be 0 (until cancelled) or more");
			}
		}
		catch (StatusRuntimeException ex) {
			responseObserver.onError(ex);
			return;
		}
		String name = request.getName();
		String currency = product.currency();
		var changes = this.priceChanges.watch(product);
		if (request.getMaxChanges() > 0) {
			changes = changes.take(request.getMaxChanges());
		}
		ServerCallStreamObserver<PriceChange> call = (ServerCallStreamObserver<PriceChange>) responseObserver;
		Disposable subscription = changes.subscribe((change) -> call.onNext(PriceChange.newBuilder()
			.setName(name)
			.setSequence(change.sequence())
			.setOldPrice(money(currency, change.oldCents()))
			.setNewPrice(money(currency, change.newCents()))
			.build()), call::onError, call::onCompleted);
		call.setOnCancelHandler(subscription::dispose);
	}

	/**
	 * Answer a unary call, an error with details when the request is not valid: a
	 * {@code StatusRuntimeException} thrown out of a handler would reach the client as
	 * {@code UNKNOWN}.
	 */
	private static <T> void answer(StreamObserver<T> responseObserver, Supplier<T> response) {
		T message;
		try {
			message = response.get();
		}
		catch (StatusRuntimeException ex) {
			responseObserver.onError(ex);
			return;
		}
		responseObserver.onNext(message);
		responseObserver.onCompleted();
	}

	private static @Nullable String query(ProductFilter filter) {
		if (filter.getQuery().length() > MAX_QUERY_LENGTH) {
			throw GrpcErrors.invalidArgument("filter.query", "must be at most " + MAX_QUERY_LENGTH + " characters");
		}
		if (filter.getMinAvailability() == Availability.UNRECOGNIZED) {
			throw GrpcErrors.invalidArgument("filter.min_availability", "is not a known availability");
		}
		return filter.getQuery().isBlank() ? null : filter.getQuery().trim();
	}

	private Product find(String name, String field) {
		Matcher matcher = NAME.matcher(name);
		if (!matcher.matches()) {
			throw GrpcErrors.invalidArgument(field, "must be 'products/' and a product id such as p-0001");
		}
		return this.catalogue.findByNumber(Integer.parseInt(matcher.group(2)))
			.orElseThrow(() -> GrpcErrors.productNotFound(name));
	}

	private Page page(String category, String categoryField, @Nullable String query, Availability minAvailability,
			int pageSize, String pageToken) {
		if (!category.isEmpty() && !ProductCatalogue.CATEGORIES.contains(category)) {
			throw GrpcErrors.invalidArgument(categoryField, "must be one of " + ProductCatalogue.CATEGORIES);
		}
		if (pageSize < 0 || pageSize > MAX_PAGE_SIZE) {
			throw GrpcErrors.invalidArgument("page_size",
					"must be from 1 to " + MAX_PAGE_SIZE + ", or 0 for " + DEFAULT_PAGE_SIZE);
		}
		int size = (pageSize != 0) ? pageSize : DEFAULT_PAGE_SIZE;
		int after = afterNumber(pageToken);
		String categoryOrAny = category.isEmpty() ? null : category;
		if (minAvailability == Availability.AVAILABILITY_UNSPECIFIED) {
			ProductSlice slice = this.catalogue.search(categoryOrAny, query, after, size);
			return new Page(slice.items().stream().map(ProductGrpcService::toMessage).toList(),
					slice.hasMore() ? token(slice.items().get(slice.items().size() - 1)) : "");
		}
		List<io.github.bffsuite.product.v1.Product> products = new ArrayList<>(size);
		for (Product product : this.catalogue.search(categoryOrAny, query, after, ProductCatalogue.SIZE).items()) {
			if (availability(product.stock()).getNumber() >= minAvailability.getNumber()) {
				if (products.size() == size) {
					return new Page(products, token(products.get(size - 1).getId()));
				}
				products.add(toMessage(product));
			}
		}
		return new Page(products, "");
	}

	private static int afterNumber(String token) {
		if (token.isEmpty()) {
			return 0;
		}
		String decoded;
		try {
			decoded = (token.length() <= MAX_TOKEN_LENGTH)
					? new String(Base64.getUrlDecoder().decode(token), StandardCharsets.US_ASCII) : "";
		}
		catch (IllegalArgumentException ex) {
			decoded = "";
		}
		Matcher matcher = TOKEN_ID.matcher(decoded);
		if (!matcher.matches()) {
			throw GrpcErrors.invalidArgument("page_token", "is not a page token this service issued");
		}
		return Integer.parseInt(matcher.group(1));
	}

	private static String token(Product last) {
		return token(last.id());
	}

	private static String token(String lastId) {
		return Base64.getUrlEncoder().withoutPadding().encodeToString(lastId.getBytes(StandardCharsets.US_ASCII));
	}

	static io.github.bffsuite.product.v1.Product toMessage(Product product) {
		return io.github.bffsuite.product.v1.Product.newBuilder()
			.setName("products/" + product.id())
			.setId(product.id())
			.setDisplayName(product.name())
			.setCategory(product.category())
			.setPrice(money(product.currency(), product.priceCents()))
			.setStock(product.stock())
			.setDescription(product.description())
			.setAvailability(availability(product.stock()))
			.build();
	}

	static Availability availability(int stock) {
		if (stock == 0) {
			return Availability.OUT_OF_STOCK;
		}
		return (stock < LOW_STOCK) ? Availability.LOW_STOCK : Availability.IN_STOCK;
	}

	private static Money money(String currency, long cents) {
		return Money.newBuilder().setCurrencyCode(currency.toUpperCase(Locale.ROOT)).setAmountMinor(cents).build();
	}

	private record Page(List<io.github.bffsuite.product.v1.Product> products, String nextPageToken) {

	}

}
