/**
 * Test support shared by the starter's and the gateways' tests: keys and tokens, a JWKS
 * server, an echo backend and a real Redis.
 */
@NullMarked
package io.github.bffsuite.edge.test;

import org.jspecify.annotations.NullMarked;
