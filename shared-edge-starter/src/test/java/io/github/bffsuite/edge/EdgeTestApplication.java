package io.github.bffsuite.edge;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * A minimal gateway for the starter's tests: the starter plus Spring Cloud Gateway routes
 * given as properties by each test.
 */
@SpringBootApplication
public class EdgeTestApplication {

}
