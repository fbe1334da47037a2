package dev.weakstream.teacher;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TeacherCacheTest {

  @Test
  void normalisationLowerCasesAndCollapsesWhitespace() {
    assertThat(TeacherCache.normalise("  Hello \t\n WORLD ")).isEqualTo("hello world");
    assertThat(TeacherCache.key("Hello  World")).isEqualTo(TeacherCache.key("hello world"));
    assertThat(TeacherCache.key("hello world")).isNotEqualTo(TeacherCache.key("hello worlds"));
  }

  @Test
  void isBoundedLeastRecentlyUsedAndCountsHitsAndMisses() {
    TeacherCache cache = new TeacherCache(2);
    TeacherCache.Key a = TeacherCache.key("a");
    TeacherCache.Key b = TeacherCache.key("b");
    TeacherCache.Key c = TeacherCache.key("c");
    cache.put(a, new float[] {1});
    cache.put(b, new float[] {2});
    assertThat(cache.get(a)).containsExactly(1f); // a is now most recent
    cache.put(c, new float[] {3}); // evicts b
    assertThat(cache.get(b)).isNull();
    assertThat(cache.get(c)).containsExactly(3f);
    assertThat(cache.size()).isEqualTo(2);
    assertThat(cache.hits()).isEqualTo(2);
    assertThat(cache.misses()).isEqualTo(1);
  }

  @Test
  void capacityZeroCachesNothing() {
    TeacherCache cache = new TeacherCache(0);
    cache.put(TeacherCache.key("a"), new float[] {1});
    assertThat(cache.get(TeacherCache.key("a"))).isNull();
    assertThat(cache.size()).isZero();
  }
}
