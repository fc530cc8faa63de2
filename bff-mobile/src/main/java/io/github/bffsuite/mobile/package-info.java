/**
 * Backend-for-frontend gateway for the mobile app.
 */
@NullMarked
package io.github.bffsuite.mobile;

import org.jspecify.annotations.NullMarked;
