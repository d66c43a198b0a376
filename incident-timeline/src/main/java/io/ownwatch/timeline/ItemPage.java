package io.ownwatch.timeline;

import java.util.List;

/**
 * One page of a list resource, as every list endpoint of this service answers it.
 *
 * @param items the items on this page
 * @param page  the zero-based page number asked for
 * @param size  the page size asked for
 * @param total how many items exist across all pages
 */
public record ItemPage<T>(List<T> items, int page, int size, long total) {

    public ItemPage {
        items = List.copyOf(items);
    }
}
