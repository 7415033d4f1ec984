using System.Globalization;
using System.Text;
using System.Text.Json;
using NodaTime;
using NodaTime.Text;

namespace Liaison.Bench;

/// <summary>
/// A deterministic scenario file of many bookings in one county, shaped like a jail's year: most people
/// are booked and released; about a third match in DHS records and get a detainer, most of those are
/// handed to ICE within the hold, some holds expire, some detainers are lifted, a few claim citizenship,
/// and a few acts are refused (an expired certification). Steps of all bookings interleave in time order.
/// </summary>
public static class CustodyWorkload
{
    private static readonly InstantPattern At = InstantPattern.General;

    public static byte[] Generate(int bookings, out int stepCount)
    {
        var random = new Random(287);
        var steps = new List<(Instant At, int Order, string Json)>();
        var start = Instant.FromUtc(2026, 1, 1, 5, 0);
        for (var i = 0; i < bookings; i++)
        {
            var id = "B" + i.ToString(CultureInfo.InvariantCulture);
            var t = start + Duration.FromMinutes(i * 7L);
            var order = 0;
            void Add(Instant at, string json) => steps.Add((at, order++, json));
            Add(t, $$$"""{"at":"{{{At.Format(t)}}}","action":"book","actor":"jms","booking":{"id":"{{{id}}}","personId":"P{{{i}}}","birthCountry":"MX","citizenshipCountry":"MX","charges":[{"code":"5404","description":"DUI","level":"misdemeanor","status":"pending"}]}}""");
            var matched = random.NextDouble() < 0.33;
            t += Duration.FromMinutes(30);
            Add(t, $$"""{"at":"{{At.Format(t)}}","action":"biometric-response","actor":"dhs","booking":"{{id}}","result":"{{(matched ? "match" : "no-match")}}"{{(matched ? ",\"record\":{\"status\":\"no-lawful-status\"}" : "")}}}""");
            var eligible = t + Duration.FromHours(6 + random.Next(72));
            if (matched)
            {
                var officer = random.NextDouble() < 0.03 ? "dso-2" : "dso-1"; // an expired certification: refused
                t += Duration.FromHours(2);
                Add(t, $$$"""{"at":"{{{At.Format(t)}}}","action":"lodge-detainer","actor":"{{{officer}}}","booking":"{{{id}}}","bases":["biometric-and-records"],"warrant":{"form":"I-200","number":"W-{{{i}}}","signedBy":"sup-1"}}""");
                if (i % 10 != 0)
                {
                    // ICE is told of the detainer within the hour (rule 14); one in ten is not, and goes overdue.
                    var told = t + Duration.FromHours(1);
                    Add(told, $$"""{"at":"{{At.Format(told)}}","action":"notify-ice","actor":"dso-1","booking":"{{id}}","about":"detainer","method":"phone","recipient":"ERO"}""");
                }

                t += Duration.FromMinutes(10);
                Add(t, $$"""{"at":"{{At.Format(t)}}","action":"serve-detainer","actor":"dso-1","booking":"{{id}}"}""");
                if (random.NextDouble() < 0.03)
                {
                    t += Duration.FromMinutes(20);
                    Add(t, $$"""{"at":"{{At.Format(t)}}","action":"claim-citizenship","actor":"subject","booking":"{{id}}"}""");
                    var told = t + Duration.FromMinutes(30);
                    Add(told, $$"""{"at":"{{At.Format(told)}}","action":"notify-ice","actor":"dso-1","booking":"{{id}}","about":"citizenship-claim","method":"phone","recipient":"ERO"}""");
                    t += Duration.FromHours(3);
                    Add(t, $$"""{"at":"{{At.Format(t)}}","action":"resolve-citizenship","actor":"sup-1","booking":"{{id}}","finding":"not-us-citizen","evidence":"consular record"}""");
                }

                Add(eligible, $$"""{"at":"{{At.Format(eligible)}}","action":"release-eligible","actor":"jms","booking":"{{id}}","reason":"bond-posted"}""");
                var roll = random.NextDouble();
                var end = eligible + Duration.FromHours(roll < 0.85 ? random.Next(1, 47) : 49);
                var action = roll < 0.9 ? "assume-custody\",\"actor\":\"ice-1" : "release\",\"actor\":\"jms";
                if (roll is >= 0.9 and < 0.95)
                {
                    var lift = eligible + Duration.FromHours(2);
                    Add(lift, $$"""{"at":"{{At.Format(lift)}}","action":"lift-detainer","actor":"ice-1","booking":"{{id}}","reason":"priority"}""");
                    end = lift + Duration.FromMinutes(45);
                }

                Add(end, $$"""{"at":"{{At.Format(end)}}","action":"{{action}}","booking":"{{id}}"}""");
            }
            else
            {
                Add(eligible, $$"""{"at":"{{At.Format(eligible)}}","action":"release-eligible","actor":"jms","booking":"{{id}}","reason":"time-served"}""");
                var release = eligible + Duration.FromMinutes(20 + random.Next(60));
                Add(release, $$"""{"at":"{{At.Format(release)}}","action":"release","actor":"jms","booking":"{{id}}"}""");
            }
        }

        steps.Sort((a, b) => a.At != b.At ? a.At.CompareTo(b.At) : a.Order.CompareTo(b.Order));
        stepCount = steps.Count;

        var json = new StringBuilder(steps.Count * 220);
        json.Append("""
            {"scenario":"bench","jurisdiction":{"timeZone":"America/New_York","holdPolicy":"calendar-48h","holidays":["2026-01-19","2026-05-25","2026-07-03","2026-11-26","2026-12-25"]},
            "agreements":[{"id":"moa-jem","model":"JEM","effective":"2025-02-26","ends":null}],
            "officers":[{"id":"dso-1","kind":"designated-officer","certifications":[{"model":"JEM","completed":"2025-03-01","expires":"2028-03-01"}]},
            {"id":"dso-2","kind":"designated-officer","certifications":[{"model":"JEM","completed":"2023-01-10","expires":"2025-01-10"}]},
            {"id":"ice-1","kind":"ice-officer"},{"id":"sup-1","kind":"ice-supervisor"}],
            "steps":[
            """);
        for (var i = 0; i < steps.Count; i++)
        {
            json.Append(i == 0 ? "" : ",\n").Append(steps[i].Json);
        }

        json.Append("]}");
        var bytes = Encoding.UTF8.GetBytes(json.ToString());
        using var check = JsonDocument.Parse(bytes); // fail fast if the generator writes bad JSON
        return bytes;
    }
}
