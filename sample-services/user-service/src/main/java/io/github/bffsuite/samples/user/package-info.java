/**
 * Sample user-service: tenants' users, looked up one by one, in batches, or as the
 * caller.
 */
@NullMarked
package io.github.bffsuite.samples.user;

import org.jspecify.annotations.NullMarked;
