package io.github.bffsuite.web.graphql;

import java.util.Collection;

import org.springframework.graphql.data.pagination.ConnectionAdapter;

/**
 * Adapts {@link Page} to Spring for GraphQL's connection support, so that a controller
 * returning a page gets edges, cursors and {@code pageInfo}.
 */
class PageConnectionAdapter implements ConnectionAdapter {

	@Override
	public boolean supports(Class<?> containerType) {
		return Page.class.isAssignableFrom(containerType);
	}

	@Override
	@SuppressWarnings("unchecked")
	public <T> Collection<T> getContent(Object container) {
		return ((Page<T>) container).items();
	}

	@Override
	public boolean hasPrevious(Object container) {
		return ((Page<?>) container).hasPrevious();
	}

	@Override
	public boolean hasNext(Object container) {
		return ((Page<?>) container).hasNext();
	}

	@Override
	public String cursorAt(Object container, int index) {
		return ((Page<?>) container).cursors().get(index);
	}

}
