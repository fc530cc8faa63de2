package io.github.bffsuite.partner.webhook;

import java.net.URI;

import org.junit.jupiter.api.Test;

import org.springframework.web.ErrorResponseException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Which webhook URLs are accepted, with and without loopback allowed.
 */
class WebhookUrlPolicyTests {

	@Test
	void acceptsAbsoluteHttpAndHttpsUrlsOfNamesAndPublicAddresses() {
		WebhookUrlPolicy policy = new WebhookUrlPolicy(false);
		assertThat(policy.check("https://partner.example/hooks?x=1"))
			.isEqualTo(URI.create("https://partner.example/hooks?x=1"));
		assertThat(policy.check("HTTP://203.0.113.7:8080/hooks")).hasHost("203.0.113.7");
		assertThat(policy.check("https://[2001:db8::1]/hooks")).hasHost("[2001:db8::1]");
		assertThat(policy.check("https://10.0.0.1.nip.io/hooks")).hasHost("10.0.0.1.nip.io");
	}

	@Test
	void refusesLoopbackUnlessAllowed() {
		WebhookUrlPolicy strict = new WebhookUrlPolicy(false);
		for (String url : new String[] { "http://localhost:9999/", "http://LOCALHOST./", "http://api.localhost/",
				"http://127.0.0.1/", "http://127.1.2.3/", "http://[::1]/", "http://[::ffff:127.0.0.1]/" }) {
			assertThatExceptionOfType(ErrorResponseException.class).as(url)
				.isThrownBy(() -> strict.check(url))
				.satisfies((ex) -> assertThat(ex.getBody().getType().toString()).endsWith("/invalid-webhook-url"));
		}
		WebhookUrlPolicy dev = new WebhookUrlPolicy(true);
		assertThat(dev.check("http://localhost:9999/")).hasPort(9999);
		assertThat(dev.check("http://127.0.0.1:9999/")).hasPort(9999);
		assertThat(dev.check("http://[::1]:9999/")).hasPort(9999);
	}

	@Test
	void refusesLinkLocalAndMetadataAddressesEvenWithLoopbackAllowed() {
		WebhookUrlPolicy dev = new WebhookUrlPolicy(true);
		for (String url : new String[] { "http://169.254.169.254/", "http://169.254.0.1/", "http://[fd00:ec2::254]/",
				"http://[FD00:EC2:0:0:0:0:0:254]/", "http://[fe80::1]/", "http://100.100.100.200/",
				"http://metadata.google.internal/", "http://2852039166/", "http://0xa9fea9fe/", "http://0.0.0.0/",
				"http://[::]/", "http://169.254.169.254.:80/" }) {
			assertThatExceptionOfType(ErrorResponseException.class).as(url).isThrownBy(() -> dev.check(url));
		}
	}

}
