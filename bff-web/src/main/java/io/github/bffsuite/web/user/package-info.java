/**
 * Who may see what of a user, on every path that hands users out: the rule itself
 * ({@link io.github.bffsuite.web.user.UserVisibility}), which the GraphQL API and the
 * {@code /api/users/**} pass-through route both apply.
 */
@NullMarked
package io.github.bffsuite.web.user;

import org.jspecify.annotations.NullMarked;
