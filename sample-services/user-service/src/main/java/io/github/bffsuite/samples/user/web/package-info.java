/**
 * HTTP endpoints of the sample user-service.
 */
@NullMarked
package io.github.bffsuite.samples.user.web;

import org.jspecify.annotations.NullMarked;
