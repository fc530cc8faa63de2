package io.github.bffsuite.mobile.screen.home;

import java.util.ArrayList;
import java.util.List;

import io.github.bffsuite.clients.OrderCounts;
import io.github.bffsuite.clients.OrderService;
import io.github.bffsuite.clients.Product;
import io.github.bffsuite.clients.ProductService;
import io.github.bffsuite.clients.User;
import io.github.bffsuite.clients.UserService;
import io.github.bffsuite.edge.downstream.AggregateResult;
import io.github.bffsuite.edge.downstream.Aggregation;
import io.github.bffsuite.mobile.config.MobileProperties;
import io.github.bffsuite.mobile.screen.Deadline;
import io.github.bffsuite.mobile.screen.Images;
import io.github.bffsuite.mobile.screen.MissingSection;
import io.github.bffsuite.mobile.screen.ProductCard;
import io.github.bffsuite.mobile.screen.Selection;
import io.github.bffsuite.mobile.screen.orders.OrderScreens;
import reactor.core.publisher.Mono;

import org.springframework.stereotype.Service;

/**
 * Builds the home screen from four calls run in parallel under one deadline: the user
 * (required), the latest orders with their first products joined in by one batch call,
 * the recommendations and the order counts (all optional). A section the app's fields
 * leave out is not called for, nor is the product batch when no product name or thumbnail
 * is asked for.
 */
@Service
public class HomeScreens {

	static final String USER = "user";

	static final String ORDERS = "orders";

	static final String RECOMMENDED = "recommended";

	static final String BADGES = "badges";

	private static final String[] ORDER_PRODUCT = { ORDERS, "product" };

	private final UserService users;

	private final OrderService orders;

	private final ProductService products;

	private final OrderScreens orderScreens;

	private final Images images;

	private final MobileProperties properties;

	public HomeScreens(UserService users, OrderService orders, ProductService products, OrderScreens orderScreens,
			Images images, MobileProperties properties) {
		this.users = users;
		this.orders = orders;
		this.products = products;
		this.orderScreens = orderScreens;
		this.images = images;
		this.properties = properties;
	}

	/**
	 * Build the home screen of a user.
	 * @param userId the signed-in user
	 * @param fields the fields asked for
	 * @return the screen, or the failure of the user section (when asked for) as a 502,
	 * 503 or 504 problem
	 */
	public Mono<HomeScreen> home(String userId, Selection fields) {
		return Mono.defer(() -> {
			Deadline deadline = Deadline.in(this.properties.getDeadline());
			MobileProperties.Home home = this.properties.getHome();
			Aggregation aggregation = Aggregation.within(this.properties.getDeadline());
			// the orders first: their answer starts the one dependent call (the product
			// batch), so theirs is the request that should leave first
			if (fields.selects(ORDERS)) {
				boolean withProducts = fields.selectsAnyOf(ORDER_PRODUCT, "name", "thumb");
				aggregation.optional(ORDERS, this.orders.list(null, null, home.getOrders())
					.flatMap((page) -> this.orderScreens.cards(page.items(), deadline, withProducts)));
			}
			if (fields.selects(USER)) {
				aggregation.required(USER, this.users.me());
			}
			if (fields.selects(RECOMMENDED)) {
				aggregation.optional(RECOMMENDED, this.products.recommended(userId, home.getRecommended())
					.map(ProductService.Recommendations::items));
			}
			if (fields.selects(BADGES)) {
				aggregation.optional(BADGES, this.orders.counts());
			}
			return aggregation.run().map(this::screen);
		});
	}

	@SuppressWarnings("unchecked")
	private HomeScreen screen(AggregateResult result) {
		UserSummary user = result.find(USER, User.class)
			.map((found) -> UserSummary.of(found, this.images.avatar(found.id())))
			.orElse(null);
		List<MissingSection> partial = new ArrayList<>();
		result.gaps().stream().map(MissingSection::of).forEach(partial::add);
		OrderScreens.Cards cards = result.find(ORDERS, OrderScreens.Cards.class).orElse(null);
		if (cards != null) {
			partial.addAll(cards.missing());
		}
		List<ProductCard> recommended = result.find(RECOMMENDED, List.class)
			.map((items) -> ((List<Product>) items).stream()
				.map((product) -> ProductCard.of(product, this.images))
				.toList())
			.orElse(null);
		Badges badges = result.find(BADGES, OrderCounts.class).map(Badges::of).orElse(null);
		return new HomeScreen(user, (cards != null) ? cards.cards() : null, recommended, badges, List.copyOf(partial));
	}

}
