package io.github.bffsuite.web;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * Backend-for-frontend gateway for the web app.
 */
@SpringBootApplication
public class BffWebApplication {

	public static void main(String[] args) {
		SpringApplication.run(BffWebApplication.class, args);
	}

}
