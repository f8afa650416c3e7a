/* Independent reference outputs for the project's generators, written from the published
 * algorithms (Steele-Lea-Flood SplitMix64; Blackman-Vigna xoshiro256** 1.0), not from the Swift code.
 * Build and run:  cc -O2 -o /tmp/ref reference.c && /tmp/ref > reference-outputs.txt */
#include <stdint.h>
#include <stdio.h>

static uint64_t sm_state;
static uint64_t splitmix64(void) {
    uint64_t z = (sm_state += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}
static inline uint64_t rotl(const uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }
static uint64_t s[4];
static uint64_t xoshiro_next(void) {
    const uint64_t result = rotl(s[1] * 5, 7) * 9;
    const uint64_t t = s[1] << 17;
    s[2] ^= s[0]; s[3] ^= s[1]; s[1] ^= s[2]; s[0] ^= s[3];
    s[2] ^= t; s[3] = rotl(s[3], 45);
    return result;
}
int main(void) {
    int i;
    sm_state = 1234567;
    printf("splitmix64 seed=1234567");
    for (i = 0; i < 5; i++) printf(" %llu", (unsigned long long)splitmix64());
    printf("\n");
    s[0] = 1; s[1] = 2; s[2] = 3; s[3] = 4;
    printf("xoshiro256starstar state=1,2,3,4");
    for (i = 0; i < 10; i++) printf(" %llu", (unsigned long long)xoshiro_next());
    printf("\n");
    sm_state = 42;
    s[0] = splitmix64(); s[1] = splitmix64(); s[2] = splitmix64(); s[3] = splitmix64();
    printf("xoshiro256starstar seed=42");
    for (i = 0; i < 10; i++) printf(" %llu", (unsigned long long)xoshiro_next());
    printf("\n");
    return 0;
}
