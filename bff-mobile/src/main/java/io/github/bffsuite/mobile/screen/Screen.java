package io.github.bffsuite.mobile.screen;

import java.util.List;

/**
 * A screen response: the sections it could fill and one problem for each section it could
 * not.
 */
public interface Screen {

	/**
	 * Return the sections left out of this response.
	 * @return one problem per missing section, empty when complete
	 */
	List<MissingSection> partial();

}
