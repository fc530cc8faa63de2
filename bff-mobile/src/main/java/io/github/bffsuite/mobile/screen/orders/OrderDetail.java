package io.github.bffsuite.mobile.screen.orders;

import java.time.Instant;
import java.util.List;

import io.github.bffsuite.mobile.screen.MissingSection;
import io.github.bffsuite.mobile.screen.Screen;

/**
 * The order detail screen.
 *
 * @param id the order id
 * @param status the status
 * @param totalCents the total in cents
 * @param createdAt when it was placed
 * @param items the lines, with product names and thumbnails
 * @param partial the sections left out
 */
public record OrderDetail(String id, String status, long totalCents, Instant createdAt, List<OrderLine> items,
		List<MissingSection> partial) implements Screen {

}
