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
import io.github.bffsuite.mobile.screen.orders.OrderScreens;
import reactor.core.publisher.Mono;

import org.springframework.stereotype.Service;

/**
 * Builds the home screen from four calls run in parallel under one deadline: the user
 * (required), the latest orders with their first products joined in by one batch call,
 * the recommendations and the order counts (all optional).
 */
@Service
public class HomeScreens {

	static final String USER = "user";

	static final String ORDERS = "orders";

	static final String RECOMMENDED = "recommended";

	static final String BADGES = "badges";

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
	 * @return the screen, or the failure of the user section as a 502, 503 or 504 problem
	 */
	public Mono<HomeScreen> home(String userId) {
		return Mono.defer(() -> {
			Deadline deadline = Deadline.in(this.properties.getDeadline());
			MobileProperties.Home home = this.properties.getHome();
			return Aggregation.within(this.properties.getDeadline())
				.required(USER, this.users.me())
				.optional(ORDERS,
						this.orders.list(null, null, home.getOrders())
							.flatMap((page) -> this.orderScreens.cards(page.items(), deadline)))
				.optional(RECOMMENDED,
						this.products.recommended(userId, home.getRecommended())
							.map(ProductService.Recommendations::items))
				.optional(BADGES, this.orders.counts())
				.run()
				.map(this::screen);
		});
	}

	@SuppressWarnings("unchecked")
	private HomeScreen screen(AggregateResult result) {
		User user = result.get(USER, User.class);
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
		return new HomeScreen(UserSummary.of(user, this.images.avatar(user.id())),
				(cards != null) ? cards.cards() : null, recommended, badges, List.copyOf(partial));
	}

}
