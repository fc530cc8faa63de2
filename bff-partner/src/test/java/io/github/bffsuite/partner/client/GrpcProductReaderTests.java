package io.github.bffsuite.partner.client;

import io.github.bffsuite.clients.Product;
import io.github.bffsuite.product.v1.Availability;
import io.github.bffsuite.product.v1.Money;
import io.grpc.Status;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The gRPC transport's reading of statuses and messages, for every status code.
 */
class GrpcProductReaderTests {

	@Test
	void readsEveryStatusAsTheHttpStatusTheRestApiAnswers() {
		for (Status.Code code : Status.Code.values()) {
			int expected = switch (code) {
				case OK -> 200;
				case INVALID_ARGUMENT, FAILED_PRECONDITION, OUT_OF_RANGE -> 400;
				case UNAUTHENTICATED -> 401;
				case PERMISSION_DENIED -> 403;
				case NOT_FOUND -> 404;
				case ALREADY_EXISTS, ABORTED -> 409;
				case RESOURCE_EXHAUSTED -> 429;
				case UNIMPLEMENTED -> 501;
				case UNAVAILABLE, CANCELLED -> 503;
				case DEADLINE_EXCEEDED -> 504;
				// a server failure, worded as the REST client words a 500: a 502 without
				// the service's message
				case UNKNOWN, INTERNAL, DATA_LOSS -> 500;
			};
			assertThat(GrpcProductReader.httpStatus(code)).as(code.name()).isEqualTo(expected);
		}
	}

	@Test
	void readsAMessageAsTheRestClientsProduct() {
		io.github.bffsuite.product.v1.Product message = io.github.bffsuite.product.v1.Product.newBuilder()
			.setName("products/p-0042")
			.setId("p-0042")
			.setDisplayName("Desk Lamp")
			.setCategory("home")
			.setPrice(Money.newBuilder().setCurrencyCode("EUR").setAmountMinor(4_999_999_999L))
			.setStock(3)
			.setDescription("A lamp")
			.setAvailability(Availability.LOW_STOCK)
			.build();
		assertThat(GrpcProductReader.product(message))
			.isEqualTo(new Product("p-0042", "Desk Lamp", "home", 4_999_999_999L, "EUR", 3, "A lamp"));
	}

}
