import type { Snapshot } from '../source/snapshot.js';
import { emptyRecipe, has, inFolder, type Recipe } from './recipe.js';

/** The Java release a POM or Gradle build names (`<maven.compiler.release>17`, `languageVersion = JavaLanguageVersion.of(17)`). */
function javaVersion(text: string | undefined): string | undefined {
  return text?.match(/<(?:maven\.compiler\.release|maven\.compiler\.source|java\.version)>\s*(?:1\.)?(\d+)\s*</)?.[1] ?? text?.match(/JavaLanguageVersion\.of\(\s*(\d+)\s*\)|sourceCompatibility\s*=\s*['"]?(?:JavaVersion\.VERSION_)?(?:1[._])?(\d+)/)?.slice(1).find(Boolean);
}

/** CI for a Maven build: the wrapper when it is there, so the Maven version is the team's. */
export function mavenRecipe(source: Snapshot, folder: string): Recipe {
  const recipe = emptyRecipe();
  const maven = has(source, inFolder(folder, 'mvnw')) ? './mvnw' : 'mvn';
  recipe.commands = { test: `${maven} -B -ntp test`, build: `${maven} -B -ntp package -DskipTests` };
  recipe.notes.push(maven === 'mvn' ? 'Maven (no wrapper)' : 'Maven wrapper', 'no lint step derived');
  const version = javaVersion(source.read(inFolder(folder, 'pom.xml')));
  if (version) recipe.version = { value: version };
  Object.assign(recipe.with, { distribution: 'temurin', cache: 'maven' });
  return recipe;
}

/** CI for a Gradle build, through its wrapper when it has one. */
export function gradleRecipe(source: Snapshot, folder: string): Recipe {
  const recipe = emptyRecipe();
  const gradle = has(source, inFolder(folder, 'gradlew')) ? './gradlew' : 'gradle';
  recipe.commands = { test: `${gradle} test`, build: `${gradle} assemble` };
  recipe.notes.push(gradle === 'gradle' ? 'Gradle (no wrapper)' : 'Gradle wrapper', 'no lint step derived');
  const build = ['build.gradle.kts', 'build.gradle'].map((name) => source.read(inFolder(folder, name))).find((text) => text !== undefined);
  const version = javaVersion(build);
  if (version) recipe.version = { value: version };
  Object.assign(recipe.with, { distribution: 'temurin', cache: 'gradle' });
  return recipe;
}
