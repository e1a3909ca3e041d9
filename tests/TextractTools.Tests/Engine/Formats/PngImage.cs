using System;
using System.IO;
using System.IO.Compression;

namespace TextractTools.Tests.Engine.Formats
{
    /// <summary>
    /// Just enough of PNG to read a browser's screenshot: 8-bit RGB or RGBA, not interlaced. Pixels as RGB.
    /// </summary>
    internal sealed class PngImage
    {
        private readonly byte[] _rgb;

        private PngImage(int width, int height, byte[] rgb)
        {
            Width = width;
            Height = height;
            _rgb = rgb;
        }

        public int Width { get; }
        public int Height { get; }

        public (byte R, byte G, byte B) this[int x, int y]
        {
            get
            {
                int i = (y * Width + x) * 3;
                return (_rgb[i], _rgb[i + 1], _rgb[i + 2]);
            }
        }

        /// <summary>How many pixels have exactly this colour.</summary>
        public int Count(byte r, byte g, byte b)
        {
            int count = 0;
            for (int i = 0; i < _rgb.Length; i += 3)
            {
                if (_rgb[i] == r && _rgb[i + 1] == g && _rgb[i + 2] == b) count++;
            }
            return count;
        }

        public static PngImage Read(string path)
        {
            byte[] file = File.ReadAllBytes(path);
            byte[] signature = { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A };
            for (int i = 0; i < signature.Length; i++)
            {
                if (file[i] != signature[i]) throw new InvalidDataException($"{path} is not a PNG file.");
            }
            int width = 0, height = 0, channels = 0;
            var data = new MemoryStream();
            for (int pos = 8; pos + 8 <= file.Length;)
            {
                int length = BigEndian(file, pos);
                string type = System.Text.Encoding.ASCII.GetString(file, pos + 4, 4);
                int body = pos + 8;
                if (type == "IHDR")
                {
                    width = BigEndian(file, body);
                    height = BigEndian(file, body + 4);
                    byte depth = file[body + 8], colour = file[body + 9], interlace = file[body + 12];
                    if (depth != 8 || (colour != 2 && colour != 6) || interlace != 0)
                        throw new NotSupportedException($"PNG with bit depth {depth}, colour type {colour}, interlace {interlace}: only 8-bit RGB/RGBA, not interlaced, is read here.");
                    channels = colour == 2 ? 3 : 4;
                }
                else if (type == "IDAT")
                {
                    data.Write(file, body, length);
                }
                else if (type == "IEND")
                {
                    break;
                }
                pos = body + length + 4; // + CRC
            }

            data.Position = 0;
            using var inflated = new ZLibStream(data, CompressionMode.Decompress);
            var raw = new MemoryStream();
            inflated.CopyTo(raw);
            byte[] scanlines = raw.ToArray();
            int stride = width * channels;
            var pixels = new byte[height * stride];
            for (int y = 0; y < height; y++)
            {
                byte filter = scanlines[y * (stride + 1)];
                int source = y * (stride + 1) + 1, target = y * stride;
                for (int x = 0; x < stride; x++)
                {
                    int a = x >= channels ? pixels[target + x - channels] : 0;
                    int b = y > 0 ? pixels[target - stride + x] : 0;
                    int c = x >= channels && y > 0 ? pixels[target - stride + x - channels] : 0;
                    int value = scanlines[source + x];
                    value += filter switch
                    {
                        0 => 0,
                        1 => a,
                        2 => b,
                        3 => (a + b) / 2,
                        4 => Paeth(a, b, c),
                        _ => throw new InvalidDataException($"PNG filter type {filter} in row {y}."),
                    };
                    pixels[target + x] = (byte)value;
                }
            }
            var rgb = new byte[width * height * 3];
            for (int p = 0, q = 0; p < pixels.Length; p += channels, q += 3)
            {
                rgb[q] = pixels[p];
                rgb[q + 1] = pixels[p + 1];
                rgb[q + 2] = pixels[p + 2];
            }
            return new PngImage(width, height, rgb);
        }

        private static int Paeth(int a, int b, int c)
        {
            int p = a + b - c, pa = Math.Abs(p - a), pb = Math.Abs(p - b), pc = Math.Abs(p - c);
            return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
        }

        private static int BigEndian(byte[] bytes, int at) => (bytes[at] << 24) | (bytes[at + 1] << 16) | (bytes[at + 2] << 8) | bytes[at + 3];
    }
}
