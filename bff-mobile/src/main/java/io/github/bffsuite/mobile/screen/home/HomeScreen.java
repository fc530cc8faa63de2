package io.github.bffsuite.mobile.screen.home;

import java.util.List;

import io.github.bffsuite.mobile.screen.MissingSection;
import io.github.bffsuite.mobile.screen.ProductCard;
import io.github.bffsuite.mobile.screen.Screen;
import io.github.bffsuite.mobile.screen.orders.OrderCard;
import org.jspecify.annotations.Nullable;

/**
 * The home screen in one response. Only {@code user} is always there when asked for; a
 * section that failed or was late is absent and listed in {@code partial}.
 *
 * @param user the signed-in user, absent only when the fields asked for leave it out
 * @param orders the latest orders
 * @param recommended products recommended to the user
 * @param badges badge counts
 * @param partial the sections left out
 */
public record HomeScreen(@Nullable UserSummary user, @Nullable List<OrderCard> orders,
		@Nullable List<ProductCard> recommended, @Nullable Badges badges,
		List<MissingSection> partial) implements Screen {

}
