/**
 * Backend-for-frontend gateway for the web app.
 */
@NullMarked
package io.github.bffsuite.web;

import org.jspecify.annotations.NullMarked;
