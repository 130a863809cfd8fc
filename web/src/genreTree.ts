/**
 * The genre tree of Chinese vertical short dramas: root › group › genre [sub-genres].
 *
 * A genre path is the list of names from a root down to a genre or one of its
 * sub-genres, e.g. ["女频", "爱情类", "甜宠"] or ["女频", "爱情类", "霸总", "高冷型"].
 */

export type GenrePath = readonly string[];

export interface GenreNode {
  readonly name: string;
  readonly children: readonly GenreNode[];
}

export const MAX_GENRE_PATHS = 3;

type GenreSpec = string | readonly [string, readonly string[]];

function genre(spec: GenreSpec): GenreNode {
  if (typeof spec === "string") return { name: spec, children: [] };
  const [name, subGenres] = spec;
  return { name, children: subGenres.map((sub) => ({ name: sub, children: [] })) };
}

function group(name: string, genres: readonly GenreSpec[]): GenreNode {
  return { name, children: genres.map(genre) };
}

export const GENRE_TREE: readonly GenreNode[] = [
  {
    name: "女频",
    children: [
      group("爱情类", [
        "甜宠",
        "虐恋",
        ["先婚后爱", ["闪婚", "替嫁", "错嫁", "契约婚姻"]],
        ["霸总", ["高冷型", "奶狗型", "疯批型", "沙雕型"]],
        "世情",
      ]),
      group("设定类", [
        ["穿越", ["身穿", "魂穿", "近穿", "远穿", "反穿", "来回穿", "双穿", "穿书", "穿系统"]],
        ["重生", ["重生", "双重生", "多重生"]],
        ["马甲", ["单马甲", "多马甲", "双马甲"]],
        ["替身", ["双胞胎", "真假千金", "错认白月光"]],
      ]),
      group("其他类型", [
        "复仇",
        ["萌宝", ["单宝", "多宝", "龙凤胎", "双胞胎", "真假萌宝"]],
        ["家庭", ["家庭伦理", "寻亲"]],
        "团宠",
        ["恶女", ["恶毒女配", "双重人格"]],
        "娱乐圈",
      ]),
    ],
  },
  {
    name: "男频",
    children: [
      group("设定类", ["穿越", "重生", ["玄幻", ["修炼成仙", "升级打怪"]], ["末世", ["天灾", "丧尸", "安全屋"]]]),
      group("逆袭类", [
        ["战神", ["强者", "龙王", "兵王", "城主"]],
        ["神豪", ["一夜暴富", "点石成金", "物价贬值", "神仙神豪"]],
        "赘婿",
        "离婚",
        ["逆袭", ["小人物", "扮猪吃老虎", "马甲大佬"]],
        "残疾大佬",
        ["金手指", ["超能力", "系统选中", "世界巨变"]],
        "高手下山",
      ]),
      group("其他类型", ["神医", "后宫"]),
    ],
  },
];

/** The key used in `data-path` attributes and for comparing paths. */
export function genrePathKey(path: GenrePath): string {
  return path.join("/");
}

/** The form the prompt uses: `女频 > 爱情类 > 甜宠`. */
export function genrePathLabel(path: GenrePath): string {
  return path.join(" > ");
}

export function sameGenrePath(a: GenrePath, b: GenrePath): boolean {
  return a.length === b.length && a.every((name, i) => name === b[i]);
}

/** A path is valid when it leads from a root to a genre (depth 3) or a sub-genre (depth 4). */
export function isValidGenrePath(path: readonly unknown[]): path is string[] {
  if (path.length < 3 || path.length > 4) return false;
  let level: readonly GenreNode[] = GENRE_TREE;
  for (const name of path) {
    const node = level.find((candidate) => candidate.name === name);
    if (!node) return false;
    level = node.children;
  }
  return true;
}

/** Every selectable path, in tree order (genres followed by their sub-genres). */
export function selectableGenrePaths(): string[][] {
  const paths: string[][] = [];
  for (const root of GENRE_TREE) {
    for (const grp of root.children) {
      for (const g of grp.children) {
        paths.push([root.name, grp.name, g.name]);
        for (const sub of g.children) paths.push([root.name, grp.name, g.name, sub.name]);
      }
    }
  }
  return paths;
}

export function containsGenrePath(paths: readonly GenrePath[], path: GenrePath): boolean {
  return paths.some((candidate) => sameGenrePath(candidate, path));
}
