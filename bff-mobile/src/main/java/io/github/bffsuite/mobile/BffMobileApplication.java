package io.github.bffsuite.mobile;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * Backend-for-frontend gateway for the mobile app.
 */
@SpringBootApplication
public class BffMobileApplication {

	public static void main(String[] args) {
		SpringApplication.run(BffMobileApplication.class, args);
	}

}
