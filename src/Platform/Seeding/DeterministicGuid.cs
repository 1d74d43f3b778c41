using System.Security.Cryptography;
using System.Text;

namespace Schoolplein.Platform.Seeding;

/// <summary>Name-based ids (SHA-256 of a name, version 8 layout) so demo data is the same on every run.</summary>
public static class DeterministicGuid
{
    public static Guid Create(string name)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes("schoolplein-demo:" + name));
        var bytes = hash.AsSpan(0, 16).ToArray();
        bytes[6] = (byte)((bytes[6] & 0x0F) | 0x80);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return new Guid(bytes, bigEndian: true);
    }
}
