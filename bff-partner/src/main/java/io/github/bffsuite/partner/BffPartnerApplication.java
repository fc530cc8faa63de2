package io.github.bffsuite.partner;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * Backend-for-frontend gateway for partner systems.
 */
@SpringBootApplication
public class BffPartnerApplication {

	public static void main(String[] args) {
		SpringApplication.run(BffPartnerApplication.class, args);
	}

}
