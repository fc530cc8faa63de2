package io.github.bffsuite.mobile.screen;

/**
 * The fields of a screen the app asked for, so that a screen makes only the downstream
 * calls those fields need. The web layer's field mask is one.
 */
@FunctionalInterface
public interface Selection {

	/** Every field. */
	Selection ALL = (path) -> true;

	/**
	 * Whether a field, or part of it, is asked for.
	 * @param path the field's path, its top-level name first, such as
	 * {@code orders, product, name}
	 * @return whether it is selected
	 */
	boolean selects(String... path);

	/**
	 * Whether any of the fields below one path is asked for.
	 * @param parent the path of the parent field
	 * @param names the names of fields of the parent
	 * @return whether one of them is selected
	 */
	default boolean selectsAnyOf(String[] parent, String... names) {
		String[] path = new String[parent.length + 1];
		System.arraycopy(parent, 0, path, 0, parent.length);
		for (String name : names) {
			path[parent.length] = name;
			if (selects(path)) {
				return true;
			}
		}
		return false;
	}

}
