/* diag: the diagnostic list, its ordering and severity names (see diag.h). */
#include "diag.h"

#include <stdlib.h>
#include <string.h>

void awl_diags_init(awl_diags *diags)
{
    awl_vec_init(&diags->items, sizeof(awl_diag));
    diags->arena.head = NULL;
}

void awl_diags_free(awl_diags *diags)
{
    awl_vec_free(&diags->items);
    awl_arena_free(&diags->arena);
}

static int compare_diags(const void *a, const void *b)
{
    const awl_diag *x = a, *y = b;
    if (x->start != y->start)
        return x->start < y->start ? -1 : 1;
    int by_rule = strcmp(x->rule->id, y->rule->id);
    if (by_rule)
        return by_rule;
    return x->seq < y->seq ? -1 : x->seq > y->seq;
}

void awl_diags_sort(awl_diags *diags)
{
    if (diags->items.count > 1)
        qsort(diags->items.items, diags->items.count, sizeof(awl_diag), compare_diags);
}

const char *awl_severity_name(awl_severity severity)
{
    switch (severity) {
    case AWL_SEVERITY_INFO:
        return "info";
    case AWL_SEVERITY_WARNING:
        return "warning";
    case AWL_SEVERITY_ERROR:
        return "error";
    case AWL_SEVERITY_OFF:
        return "off";
    }
    return "error";
}

bool awl_severity_parse(const char *text, awl_severity *out)
{
    static const awl_severity all[] = {AWL_SEVERITY_INFO, AWL_SEVERITY_WARNING, AWL_SEVERITY_ERROR,
                                       AWL_SEVERITY_OFF};
    for (size_t i = 0; i < 4; i++)
        if (strcmp(text, awl_severity_name(all[i])) == 0) {
            *out = all[i];
            return true;
        }
    return false;
}
