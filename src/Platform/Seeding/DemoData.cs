namespace Schoolplein.Platform.Seeding;

/// <summary>
/// The two demo schools. Every person is invented; every address uses the reserved .test
/// domain so nothing can reach a real mailbox.
/// </summary>
public static class DemoData
{
    /// <summary>The password of every demo account (printed by run.sh).</summary>
    public const string Password = "Schoolplein-demo-2026";

    public sealed record School(
        string Slug, string Name, string Color, string Address, string Phone, string ContactEmail,
        IReadOnlyList<GroupSpec> Groups, IReadOnlyList<StaffSpec> Staff, IReadOnlyList<FamilySpec> Families);

    public sealed record GroupSpec(string Key, string Name, string YearLevels);
    public sealed record StaffSpec(string Email, string FirstName, string? Prefix, string LastName, bool Admin, IReadOnlyList<string> GroupKeys);
    public sealed record ChildSpec(string Key, string FirstName, string? Prefix, string LastName, DateOnly DateOfBirth, string GroupKey);
    public sealed record ParentSpec(string Email, string FirstName, string? Prefix, string LastName, string? Phone);
    public sealed record FamilySpec(IReadOnlyList<ParentSpec> Parents, IReadOnlyList<ChildSpec> Children);

    public const string SchoolYear = "2026-2027";

    private static School Regenboog()
    {
        GroupSpec[] groups =
        [
            new("peuters", "Peutergroep De Rupsjes", "0"),
            new("g12a", "Groep 1/2A", "1/2"),
            new("g34", "Groep 3/4", "3/4"),
            new("g5", "Groep 5", "5"),
            new("g67", "Groep 6/7", "6/7"),
            new("g8", "Groep 8", "8"),
        ];
        StaffSpec[] staff =
        [
            new("directie@regenboog.test", "Annemarie", null, "Visser", true, []),
            new("esra.kaya@regenboog.test", "Esra", null, "Kaya", false, ["peuters"]),
            new("marloes.vandam@regenboog.test", "Marloes", "van", "Dam", false, ["g12a"]),
            new("lisanne.mulder@regenboog.test", "Lisanne", null, "Mulder", false, ["g34"]),
            new("joyce.pinas@regenboog.test", "Joyce", null, "Pinas", false, ["g34", "g5"]),
            new("kees.brouwer@regenboog.test", "Kees", null, "Brouwer", false, ["g5"]),
            new("eline.vermeulen@regenboog.test", "Eline", null, "Vermeulen", false, ["g67"]),
            new("daan.willems@regenboog.test", "Daan", null, "Willems", false, ["g8"]),
        ];
        var families = new List<FamilySpec>
        {
            // The demo parent: two children in different groups.
            new([new("ouder@regenboog.test", "Sanne", null, "Jansen", "+31612345601"),
                 new("mark.jansen@ouders.test", "Mark", null, "Jansen", "+31612345602")],
                [new("R1001", "Noor", null, "Jansen", new(2019, 3, 14), "g34"),
                 new("R1002", "Daan", null, "Jansen", new(2016, 9, 2), "g67")]),
            new([new("aisha.elamrani@ouders.test", "Aïsha", null, "El Amrani", "+31612345603")],
                [new("R1003", "Yara", null, "El Amrani", new(2019, 6, 21), "g34")]),
            new([new("ruud.vanthof@ouders.test", "Ruud", "van 't", "Hof", null),
                 new("kirsten.dhondt@ouders.test", "Kirsten", null, "D'Hondt", "+31612345604")],
                [new("R1004", "Femke", "van 't", "Hof", new(2019, 1, 30), "g34")]),
        };
        families.AddRange(GeneratedFamilies("regenboog", "R", groups.Select(g => g.Key).ToArray(), 2000, 30));
        return new School("regenboog", "Kindcentrum De Regenboog", "#0B6E5F", "Regenbooglaan 1, 3511 AB Utrecht",
            "030 123 45 67", "info@regenboog.test", groups, staff, families);
    }

    private static School Kompas()
    {
        GroupSpec[] groups =
        [
            new("g12", "Groep 1/2", "1/2"),
            new("g3", "Groep 3", "3"),
            new("g45", "Groep 4/5", "4/5"),
            new("g6", "Groep 6", "6"),
            new("g78", "Groep 7/8", "7/8"),
        ];
        StaffSpec[] staff =
        [
            new("directie@kompas.test", "Hans", "de", "Boer", true, []),
            new("fatima.yilmaz@kompas.test", "Fatima", null, "Yilmaz", false, ["g12"]),
            new("peter.bakker@kompas.test", "Peter", null, "Bakker", false, ["g3", "g45"]),
            new("ingrid.smit@kompas.test", "Ingrid", null, "Smit", false, ["g45"]),
            new("tom.dejong@kompas.test", "Tom", "de", "Jong", false, ["g6", "g78"]),
        ];
        var families = new List<FamilySpec>
        {
            new([new("ouder@kompas.test", "Linda", null, "Bos", "+31612345611")],
                [new("K1001", "Sem", null, "Bos", new(2018, 5, 5), "g3")]),
            // Same e-mail as a Regenboog parent: one account per school, each school its own data controller.
            new([new("mark.jansen@ouders.test", "Mark", null, "Jansen", "+31612345602")],
                [new("K1002", "Lotte", null, "Jansen", new(2014, 11, 11), "g78")]),
        };
        families.AddRange(GeneratedFamilies("kompas", "K", groups.Select(g => g.Key).ToArray(), 2000, 24));
        return new School("kompas", "Basisschool Het Kompas", "#A63D12", "Kompasstraat 12, 1012 AB Amsterdam",
            "020 765 43 21", "info@kompas.test", groups, staff, families);
    }

    private static readonly string[] FirstNames =
    [
        "Emma", "Liam", "Julia", "Noah", "Mila", "Lucas", "Tess", "Finn", "Sara", "Sem", "Zoë", "Levi", "Nora", "Milan",
        "Evi", "Adam", "Lina", "Mohammed", "Saar", "Jesse", "Lotte", "Bram", "Fenna", "Luuk", "Ayşe", "Jurriën", "Linh", "Mees",
    ];

    private static readonly (string? Prefix, string Last)[] LastNames =
    [
        ("de", "Vries"), (null, "Bakker"), ("van", "Dijk"), (null, "Visser"), (null, "Smit"), ("de", "Boer"),
        (null, "Mulder"), ("de", "Groot"), (null, "Bos"), ("van der", "Linden"), (null, "Çelik"), (null, "Nguyễn"),
        (null, "Verhoeven"), (null, "O'Connor"), ("van", "Leeuwen"), (null, "Kaya"), ("el", "Idrissi"), (null, "Hendriks"),
    ];

    private static readonly string[] ParentFirstNames =
    [
        "Anna", "Jeroen", "Marieke", "Thomas", "Fatma", "Dennis", "Ilse", "Rachid", "Esther", "Bas", "Joyce", "Wouter",
    ];

    /// <summary>Families spread over the groups, a fixed seed so every run creates the same people.</summary>
    private static IEnumerable<FamilySpec> GeneratedFamilies(string slug, string keyPrefix, string[] groupKeys, int firstKey, int count)
    {
        var random = new Random(slug == "regenboog" ? 20261128 : 20261129);
        var key = firstKey;
        for (var i = 0; i < count; i++)
        {
            var (prefix, last) = LastNames[random.Next(LastNames.Length)];
            var parents = new List<ParentSpec>();
            var parentCount = random.Next(3) == 0 ? 1 : 2;
            for (var p = 0; p < parentCount; p++)
            {
                var first = ParentFirstNames[random.Next(ParentFirstNames.Length)];
                var email = $"{first.ToLowerInvariant()}.{slug}{i:D2}{(char)('a' + p)}@ouders.test";
                var phone = random.Next(4) == 0 ? null : $"+3161{random.Next(1000000, 9999999)}";
                parents.Add(new ParentSpec(email, first, prefix, last, phone));
            }
            var children = new List<ChildSpec>();
            var childCount = random.Next(5) == 0 ? 2 : 1;
            for (var c = 0; c < childCount; c++)
            {
                var group = groupKeys[random.Next(groupKeys.Length)];
                var birth = new DateOnly(2014 + random.Next(9), 1 + random.Next(12), 1 + random.Next(28));
                children.Add(new ChildSpec($"{keyPrefix}{key++}", FirstNames[random.Next(FirstNames.Length)], prefix, last, birth, group));
            }
            yield return new FamilySpec(parents, children);
        }
    }

    // Last: static fields initialise in textual order and the schools use the name lists above.
    public static readonly IReadOnlyList<School> Schools = [Regenboog(), Kompas()];
}
