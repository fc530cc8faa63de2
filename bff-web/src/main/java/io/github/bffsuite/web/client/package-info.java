/**
 * What bff-web adds to the declared service clients of
 * {@code io.github.bffsuite.clients}: reads shared within one GraphQL request.
 */
@NullMarked
package io.github.bffsuite.web.client;

import org.jspecify.annotations.NullMarked;
