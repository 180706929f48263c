/*
 * Reads krb5.conf files with MIT's own profile library (libkrb5) and prints the
 * tree it stores, for the differential tests in krb5-mit.spec.ts.
 *
 * stdin: one path per line. stdout: one line per path,
 *   "OK <hex>"         the tree as profile_flush_to_buffer() dumps it, hex-encoded
 *   "ERR <name> <code>" profile_init_path() failed
 *
 * Build: cc -o krb5-profile-dump krb5-profile-dump.c -lkrb5
 */
#include <profile.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *code_name(long code)
{
    switch (code) {
    case PROF_RELATION_SYNTAX: return "relation-syntax";
    case PROF_SECTION_SYNTAX: return "section-syntax";
    case PROF_SECTION_NOTOP: return "section-not-top";
    case PROF_EXTRA_CBRACE: return "extra-brace";
    case PROF_MISSING_OBRACE: return "missing-brace";
    case PROF_MODULE: return "module";
    case PROF_FAIL_INCLUDE_FILE: return "include-file";
    case PROF_FAIL_INCLUDE_DIR: return "include-dir";
    default: return "other";
    }
}

int main(void)
{
    char *line = NULL;
    size_t cap = 0;
    ssize_t len;

    while ((len = getline(&line, &cap, stdin)) > 0) {
        profile_t profile;
        char *dump;
        long code;

        if (line[len - 1] == '\n')
            line[len - 1] = '\0';
        code = profile_init_path(line, &profile);
        if (code) {
            printf("ERR %s %ld\n", code_name(code), code);
        } else {
            code = profile_flush_to_buffer(profile, &dump);
            if (code) {
                printf("ERR %s %ld\n", code_name(code), code);
            } else {
                printf("OK ");
                for (const unsigned char *p = (unsigned char *)dump; *p; p++)
                    printf("%02x", *p);
                printf("\n");
                profile_free_buffer(profile, dump);
            }
            profile_release(profile);
        }
        fflush(stdout);
    }
    free(line);
    return 0;
}
