package io.github.bffsuite.partner;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.web.util.UriComponents;
import org.springframework.web.util.UriComponentsBuilder;
import org.springframework.web.util.UriUtils;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The products endpoints with the default transport: product-service's REST API.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "management.server.port=0", "edge.partner.products.transport=rest" })
class PartnerProductsRestTests extends PartnerProductsContract {

	@Override
	ServiceCall lastCall() {
		List<Map<String, String>> requests = backend.requests()
			.stream()
			.filter((request) -> request.get(":uri").startsWith("/products"))
			.toList();
		assertThat(requests).isNotEmpty();
		Map<String, String> request = requests.get(requests.size() - 1);
		UriComponents uri = UriComponentsBuilder.fromUriString(request.get(":uri")).build(true);
		Map<String, String> parameters = new LinkedHashMap<>();
		if (uri.getPath().startsWith("/products/")) {
			parameters.put("id", uri.getPath().substring("/products/".length()));
		}
		uri.getQueryParams()
			.forEach((name, values) -> parameters.put(name, UriUtils.decode(values.get(0), StandardCharsets.UTF_8)));
		return new ServiceCall(parameters, request);
	}

}
