/*
 * merge_cli: `awelint merge [-o OUT] [--into FILE] [--map 'Old=New']...
 * [--report FILE] [--allow-private] SOURCE...`: reading the sources
 * (files, - or http(s) URLs through net.h), the mapping from the options
 * and the config file, and writing the result and its report.
 *
 * Exit codes: 0 merged; 2 usage error, unreadable or binary source,
 * invalid config or a failed write (nothing is written then).
 */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "atomic_write.h"
#include "config.h"
#include "merge.h"
#include "msg.h"
#include "net.h"
#include "source.h"

enum { MERGE_OK = 0, MERGE_TROUBLE = 2 };
enum { MAX_SOURCE_BYTES = 64 * 1024 * 1024 };

static const char merge_usage[] =
    "Usage: awelint merge [OPTIONS] SOURCE...\n"
    "\n"
    "Merges awesome lists into one: the first SOURCE's sections, shape and\n"
    "venue style, with the entries of the others added and duplicates merged.\n"
    "A SOURCE is a file, - for standard input, or an http(s) URL.\n"
    "\n"
    "Options:\n"
    "  -o, --output OUT      write the merged list to OUT (default: standard output)\n"
    "  --into FILE           merge the SOURCEs into FILE, rewriting it in place\n"
    "  --map 'Old=New'       put the sections headed Old into the section New\n"
    "  --report FILE         write the decisions as JSON to FILE (default: text on\n"
    "                        standard error)\n"
    "  --allow-private       let URLs reach loopback and private addresses\n"
    "  -h, --help            print this help and exit\n";

static bool is_url(const char *name)
{
    return strncmp(name, "http://", 7) == 0 || strncmp(name, "https://", 8) == 0;
}

static bool read_source(const char *name, const awl_net_options *net, awl_buf *out)
{
    awl_buf_puts(out, "");
    if (is_url(name)) {
        char why[256];
        if (!awl_net_fetch(name, net, MAX_SOURCE_BYTES, out, why, sizeof why)) {
            awl_msg_error("%s: cannot fetch: %s", name, why);
            return false;
        }
        return true;
    }
    FILE *in = strcmp(name, "-") == 0 ? stdin : fopen(name, "rb");
    if (!in) {
        awl_msg_error("%s: cannot read: %s", name, strerror(errno));
        return false;
    }
    bool ok = awl_buf_read_stream(out, in);
    if (!ok)
        awl_msg_error("%s: cannot read: %s", name, strerror(errno));
    if (in != stdin)
        fclose(in);
    return ok;
}

/* As the linter skips them: a NUL byte early in bytes that are not UTF-8. */
static bool refuse_binary(const char *name, const awl_buf *bytes)
{
    if (!memchr(bytes->data, '\0', bytes->len < 8000 ? bytes->len : 8000) ||
        awl_utf8_validate(bytes->data, bytes->len, NULL))
        return false;
    awl_msg_error("%s: binary data, not Markdown; nothing merged", name);
    return true;
}

/* The directory a config is looked for from: the first local source's. */
static const char *config_dir(const char *first, awl_arena *arena)
{
    if (is_url(first) || strcmp(first, "-") == 0 || !strchr(first, '/'))
        return ".";
    const char *slash = strrchr(first, '/');
    return slash == first ? "/" : awl_arena_strndup(arena, first, (size_t)(slash - first));
}

static bool write_file(const char *path, const awl_buf *text, bool atomic)
{
    if (atomic) {
        const char *why = NULL;
        if (!awl_write_atomic(path, text->data, text->len, &why)) {
            awl_msg_error("%s: cannot write: %s; the file is left as it was", path, why);
            return false;
        }
        return true;
    }
    FILE *f = fopen(path, "wb");
    bool ok = f && fwrite(text->data, 1, text->len, f) == text->len;
    if (f && fclose(f) != 0)
        ok = false;
    if (!ok)
        awl_msg_error("%s: cannot write: %s", path, strerror(errno));
    return ok;
}

int awl_merge_main(int argc, char **argv)
{
    enum { OPT_INTO = 256, OPT_MAP, OPT_REPORT, OPT_PRIVATE };
    static const struct option longopts[] = {
        {"output", required_argument, NULL, 'o'},
        {"into", required_argument, NULL, OPT_INTO},
        {"map", required_argument, NULL, OPT_MAP},
        {"report", required_argument, NULL, OPT_REPORT},
        {"allow-private", no_argument, NULL, OPT_PRIVATE},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    const char *output = NULL, *into = NULL, *report = NULL;
    awl_net_options net;
    awl_net_options_default(&net);
    awl_arena arena = {0};
    awl_vec maps;
    awl_vec_init(&maps, sizeof(awl_section_map));
    int status = MERGE_OK, c;
    opterr = 0;
    optind = 1;
    while ((c = getopt_long(argc, argv, "o:h", longopts, NULL)) != -1) {
        switch (c) {
        case 'o':
            output = optarg;
            break;
        case OPT_INTO:
            into = optarg;
            break;
        case OPT_MAP: {
            const char *eq = strchr(optarg, '=');
            if (!eq || eq == optarg || !eq[1]) {
                awl_msg_error("--map takes 'Old heading=New heading', not '%s'", optarg);
                status = MERGE_TROUBLE;
                break;
            }
            awl_section_map *map = awl_vec_push(&maps);
            map->from = awl_arena_strndup(&arena, optarg, (size_t)(eq - optarg));
            map->to = eq + 1;
            break;
        }
        case OPT_REPORT:
            report = optarg;
            break;
        case OPT_PRIVATE:
            net.allow_private = true;
            break;
        case 'h':
            fputs(merge_usage, stdout);
            awl_vec_free(&maps);
            awl_arena_free(&arena);
            return MERGE_OK;
        default:
            awl_msg_error("unknown or incomplete option '%s' (see awelint merge --help)",
                          argv[optind - 1]);
            status = MERGE_TROUBLE;
        }
    }
    size_t count = (size_t)(argc - optind) + (into ? 1 : 0);
    if (status == MERGE_OK && (count < 2 || (into && output))) {
        awl_msg_error(into && output
                          ? "--into and -o exclude each other"
                          : "merge needs two SOURCEs or more (see awelint merge --help)");
        status = MERGE_TROUBLE;
    }
    awl_merge_input *inputs = awl_xcalloc(count + 1, sizeof(awl_merge_input));
    awl_buf *bytes = awl_xcalloc(count + 1, sizeof(awl_buf));
    for (size_t i = 0; status == MERGE_OK && i < count; i++) {
        const char *name =
            into ? (i == 0 ? into : argv[optind + (int)i - 1]) : argv[optind + (int)i];
        if (!read_source(name, &net, &bytes[i]) || refuse_binary(name, &bytes[i]))
            status = MERGE_TROUBLE;
        inputs[i] = (awl_merge_input){name, bytes[i].data, bytes[i].len};
    }
    if (status == MERGE_OK) {
        const char *config = awl_config_find(config_dir(inputs[0].name, &arena), &arena);
        const char *error = NULL;
        if (config && !awl_config_merge_maps(config, &arena, &maps, &error)) {
            awl_msg_error("%s", error);
            status = MERGE_TROUBLE;
        }
    }
    if (status == MERGE_OK) {
        awl_merge_result result;
        awl_merge_texts(inputs, count, maps.items, maps.count, &result);
        awl_buf log = {0};
        if (report)
            awl_merge_report_json(&result, inputs, count, &log);
        else
            awl_merge_report_text(&result, inputs, &log);
        if (result.fix_failed)
            awl_msg_error("the table of contents and repairs could not be verified; "
                          "the merged list is written without them");
        if (result.lost_links) {
            awl_msg_error("the merged list would lose %zu link(s) of the sources (%s); nothing "
                          "written",
                          result.lost_links, result.lost_example);
            status = MERGE_TROUBLE;
        }
        if (report && !write_file(report, &log, false))
            status = MERGE_TROUBLE;
        else if (!report)
            fwrite(log.data, 1, log.len, stderr);
        if (status == MERGE_OK) {
            if (into || output) {
                /* an existing file is replaced atomically, as --fix does */
                const char *path = into ? into : output;
                if (!write_file(path, &result.text, access(path, F_OK) == 0))
                    status = MERGE_TROUBLE;
            } else if (fwrite(result.text.data, 1, result.text.len, stdout) != result.text.len ||
                       fflush(stdout) != 0) {
                awl_msg_error("cannot write to standard output: %s", strerror(errno));
                status = MERGE_TROUBLE;
            }
        }
        awl_buf_free(&log);
        awl_merge_result_free(&result);
    }
    for (size_t i = 0; i < count; i++)
        awl_buf_free(&bytes[i]);
    free(bytes);
    free(inputs);
    awl_vec_free(&maps);
    awl_arena_free(&arena);
    return status;
}
