package dev.weakstream.wrench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Zero-shot class descriptions for WRENCH label names. A bare label name ("SPAM", "HUM") embeds
 * poorly, so the few abbreviations and short names of WRENCH's text datasets are written out as a
 * sentence describing a member of the class (sentence embeddings compare sentences with sentences
 * best); any other name becomes "This text is about NAME." with underscores as spaces. A pipeline's
 * class descriptions, where it has them, take precedence over this table. Stateless.
 */
public final class ClassDescriptions {

  private static final Map<String, String> KNOWN =
      Map.ofEntries(
          Map.entry(
              "spam",
              "This is spam: an advertisement, a promotion, a prize or offer, or a request"
                  + " to subscribe, call, text or click a link."),
          Map.entry("ham", "This is a normal personal message or comment, not spam."),
          Map.entry(
              "desc",
              "A question asking for a description, definition, reason or manner: what is,"
                  + " why, how."),
          Map.entry(
              "enty",
              "A question asking about a thing: an object, animal, color, food, product,"
                  + " event, language or term."),
          Map.entry("hum", "A question asking who: a person, group or organization."),
          Map.entry("abbr", "A question asking what an abbreviation or acronym stands for."),
          Map.entry("loc", "A question asking where: a location, city, country, state or place."),
          Map.entry(
              "num",
              "A question asking for a number: how many, how much, when, a date, a"
                  + " quantity, a distance or a percentage."),
          Map.entry("positive", "This is a positive review: good, great, recommended."),
          Map.entry("negative", "This is a negative review: bad, disappointing, not recommended."));

  private ClassDescriptions() {}

  /** One description per class name, in order. */
  public static List<String> of(List<String> classNames) {
    List<String> out = new ArrayList<>(classNames.size());
    for (String name : classNames) {
      String known = KNOWN.get(name.toLowerCase(Locale.ROOT));
      out.add(
          known != null
              ? known
              : "This text is about " + name.replace('_', ' ').toLowerCase(Locale.ROOT) + ".");
    }
    return out;
  }
}
